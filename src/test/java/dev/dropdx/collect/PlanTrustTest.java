package dev.dropdx.collect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.trust.PathTrust;
import dev.dropdx.trust.UntrustedPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: a collect plan chooses commands that run as root, so one a stranger could change is refused. */
class PlanTrustTest {
  /** A plan the parser rejects: reaching the parser shows the trust check let it through. */
  private static final String PLAN = "sysctl stray-word\n";

  @Test
  void aPlanInAWorldWritableDirectoryIsRefusedAndATrustedOneParses(@TempDir Path tmp) throws Exception {
    Collector collector = new Collector(null, null, new PathTrust(0, OptionalInt.empty()));
    Path trusted = Files.writeString(tmp.resolve("my.plan"), PLAN);
    assertThatThrownBy(() -> collector.plan(trusted)).isInstanceOf(CollectPlanException.class).hasMessageContaining("stray-word");

    Path open = Files.createDirectories(tmp.resolve("open"));
    Path planted = Files.writeString(open.resolve("my.plan"), PLAN);
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> collector.plan(planted)).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("untrusted collect plan " + open).hasMessageContaining("mode 0777");
  }
}
