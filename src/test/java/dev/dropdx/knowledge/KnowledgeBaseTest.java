package dev.dropdx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class KnowledgeBaseTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theShippedEntriesLoadAndEachHasAFixAndAVerify() {
    KnowledgeBase kb = KnowledgeBase.load(Path.of("knowledge-base"), json);
    assertThat(kb.find("rp-filter")).isPresent();
    assertThat(kb.all()).allSatisfy(e -> {
      assertThat(e.fix()).isNotEmpty();
      assertThat(e.verify()).isNotEmpty();
      assertThat(e.bindings()).as(e.id() + " declares what its rules bind").isNotEmpty();
    });
    assertThat(kb.templateProblems()).isEmpty();
  }

  @Test
  void anEntryWhoseIdDoesNotMatchItsFileIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.json"), "{\"id\":\"b\",\"title\":\"t\",\"explanation\":\"e\",\"fix\":[\"f\"]}");
    assertThatThrownBy(() -> KnowledgeBase.load(dir, json)).isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("a.json");
  }

  @Test
  void templatesFillKnownNamesAndLeaveUnknownOnesVisible() {
    assertThat(Templates.fill("{iface} has {group} but not {missing}", Map.of("iface", "ens5", "group", "224.0.0.5")))
        .isEqualTo("ens5 has 224.0.0.5 but not {missing}");
    assertThat(Templates.fill("{a}", Map.of("a", "$1 \\ x"))).isEqualTo("$1 \\ x");
  }
}
