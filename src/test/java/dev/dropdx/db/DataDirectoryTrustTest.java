package dev.dropdx.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.trust.PathTrust;
import dev.dropdx.trust.UntrustedPathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: the history is private (0700 directory, 0600 files) and never kept in a directory strangers can change. */
class DataDirectoryTrustTest {
  private static final PathTrust ROOT = new PathTrust(0, OptionalInt.empty());
  @TempDir Path tmp;

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aNewDataDirectoryAndItsDatabaseFilesArePrivate() throws Exception {
    Path dataDir = tmp.resolve("home/.local/share/dropdx");
    try (Connection c = new DropdxDatabase(dataDir.toString(), ROOT).connect()) {
      assertThat(c.isValid(1)).isTrue();
    }
    assertThat(mode(dataDir)).isEqualTo("rwx------");
    assertThat(mode(tmp.resolve("home/.local"))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dataDir)) {
      assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty()
          .anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("dropdx.mv.db"))
          .allSatisfy(f -> assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------"));
    }
  }

  @Test
  void aWorldWritableDataDirectoryIsRefusedBeforeTheDatabaseOpens() throws IOException {
    Path dataDir = Files.createDirectories(tmp.resolve("data"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> new DropdxDatabase(dataDir.toString(), ROOT).connect()).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("data directory " + dataDir).hasMessageContaining("mode 0777").hasMessageContaining("chmod go-w");
    assertThat(dataDir.resolve("dropdx.mv.db")).doesNotExist();
  }
}
