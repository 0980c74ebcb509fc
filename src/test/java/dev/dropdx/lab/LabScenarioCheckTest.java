package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.rules.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class LabScenarioCheckTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theShippedScenariosNameKnownCauses() {
    assertThat(new LabScenarioCheck(Path.of("knowledge-base"), json).check(List.of(), List.of())).isEmpty();
  }

  @Test
  void aScenarioForAnUnknownCauseIsReportedWithFileAndLine(@TempDir Path kb) throws IOException {
    Files.createDirectories(kb.resolve("lab"));
    Files.copy(Path.of("knowledge-base/rp-filter.json"), kb.resolve("rp-filter.json"));
    String scenario = Files.readString(Path.of("knowledge-base/lab/rp-filter.json"))
        .replace("\"cause\": \"rp-filter\"", "\"cause\": \"rp-filtre\"");
    assertThat(scenario).contains("rp-filtre");
    Files.writeString(kb.resolve("lab/rp-filter.json"), scenario);

    List<RuleProblem> problems = new LabScenarioCheck(kb, json).check(List.of(), List.of());

    assertThat(problems).isNotEmpty().allSatisfy(p -> {
      assertThat(p.file()).endsWith("rp-filter.json");
      assertThat(p.line()).isGreaterThan(1);
      assertThat(p.message()).contains("unknown cause rp-filtre");
    });
  }
}
