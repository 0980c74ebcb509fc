package dev.dropdx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.db.DropdxDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class KnowledgeIndexTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void loadsTheFilesIntoH2OnceAndAgainOnlyWhenTheyChange(@TempDir Path data, @TempDir Path kb) throws Exception {
    Files.copy(Path.of("knowledge-base/rp-filter.json"), kb.resolve("rp-filter.json"));
    Files.copy(Path.of("knowledge-base/accept-local.json"), kb.resolve("accept-local.json"));
    DropdxPaths paths = new DropdxPaths("rules", "", kb.toString());
    KnowledgeIndex index = new KnowledgeIndex(new DropdxDatabase(data.toString()), new KnowledgeBaseProvider(paths, json), paths, json);
    assertThat(index.sync()).isTrue();
    assertThat(index.sync()).isFalse();
    assertThat(index.list()).extracting(CauseEntry::id).containsExactly("accept-local", "rp-filter");
    assertThat(index.show("rp-filter")).hasValueSatisfying(e -> assertThat(e.reasons()).contains("IP_RPFILTER"));
    assertThat(index.search("fib_validate_source")).extracting(CauseEntry::id).contains("rp-filter");
    assertThat(index.search("100%_no_such")).isEmpty();

    Files.copy(Path.of("knowledge-base/no-socket.json"), kb.resolve("no-socket.json"));
    KnowledgeIndex again = new KnowledgeIndex(new DropdxDatabase(data.toString()),
        new KnowledgeBaseProvider(paths, json), paths, json);
    assertThat(again.sync()).isTrue();
    assertThat(again.list()).hasSize(3);
  }

  @Test
  void findsATeamCauseWhenTheTeamDirectoryIsConfigured(@TempDir Path data, @TempDir Path kb) throws Exception {
    Files.copy(Path.of("knowledge-base/rp-filter.json"), kb.resolve("rp-filter.json"));
    // --rules DIR sets dropdx.rules.team-dirs; a configured rules directory (dropdx.rules.dirs) works the same.
    for (DropdxPaths paths : java.util.List.of(new DropdxPaths("rules", "examples/team-mark-policy", kb.toString()),
        new DropdxPaths("rules,examples/team-mark-policy", "", kb.toString()))) {
      KnowledgeIndex index = new KnowledgeIndex(new DropdxDatabase(data.toString()), new KnowledgeBaseProvider(paths, json), paths, json);
      index.sync();
      assertThat(index.show("team-mark-policy")).hasValueSatisfying(e -> assertThat(e.fix()).isNotEmpty());
    }
    DropdxPaths without = new DropdxPaths("rules", "", kb.toString());
    KnowledgeIndex builtIn = new KnowledgeIndex(new DropdxDatabase(data.toString()), new KnowledgeBaseProvider(without, json), without, json);
    builtIn.sync();
    assertThat(builtIn.show("team-mark-policy")).isEmpty();
  }
}
