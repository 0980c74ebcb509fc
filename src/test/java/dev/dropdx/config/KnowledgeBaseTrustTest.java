package dev.dropdx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.trust.PathTrust;
import dev.dropdx.trust.UntrustedPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: the knowledge base (and a team's knowledge-base/ beside its rules) is handed out only when no stranger can change it. */
class KnowledgeBaseTrustTest {
  private static final PathTrust ROOT = new PathTrust(0, OptionalInt.empty());

  @Test
  void theShippedKnowledgeBaseIsTrusted() {
    assertThat(new DropdxPaths("rules", "", "knowledge-base", ROOT).knowledgeBase()).isDirectory();
  }

  @Test
  void aKnowledgeBaseFileWritableByOthersIsRefused(@TempDir Path tmp) throws Exception {
    Path kb = Files.createDirectories(tmp.resolve("kb"));
    Path entry = Files.writeString(kb.resolve("rp-filter.json"), "{}");
    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThatThrownBy(() -> new DropdxPaths("rules", "", kb.toString(), ROOT).knowledgeBase()).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("untrusted knowledge-base directory " + entry).hasMessageContaining("mode 0666");
  }

  @Test
  void aTeamKnowledgeBaseInAGroupWritableDirectoryIsRefused(@TempDir Path tmp) throws Exception {
    Path team = Files.createDirectories(tmp.resolve("team"));
    Path kb = Files.createDirectories(team.resolve("knowledge-base"));
    Files.setPosixFilePermissions(kb, PosixFilePermissions.fromString("rwxrwxr-x"));
    assertThatThrownBy(() -> new DropdxPaths("rules", team.toString(), "knowledge-base", ROOT).teamKnowledgeBases())
        .isInstanceOf(UntrustedPathException.class).hasMessageContaining(kb.toString());
  }
}
