package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.trust.UntrustedPathException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17: a refused untrusted path is bad input (exit 2), not an internal error. */
class UntrustedExitCodeTest {
  @Test
  void anUntrustedPathExitsTwo() {
    CommandOutcome outcome = new CommandOutcome();
    new CommandGuard(outcome, false).run(new PrintWriter(new StringWriter()), () -> {
      throw new UntrustedPathException(Path.of("/x"), "untrusted rules directory /x: owned by nobody (uid 65534), mode 0777");
    });
    assertThat(outcome.exitCode(List.of("diagnose"))).isEqualTo(ExitCodes.USAGE);
  }
}
