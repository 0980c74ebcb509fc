package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The backlog-full scenario is an attempt: on the 2-vCPU lab VM it does not overflow the backlog
 * (see rules/backlog/backlog-full.drl). This test holds what must be true either way: the setup
 * works, its traffic causes no other drops (no false diagnosis), a CPU_BACKLOG drop, when a faster
 * host produces one, is diagnosed as backlog-full, and everything is cleaned up.
 */
@LabTest
class BacklogFullLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void theAttemptEitherOverflowsTheBacklogAndIsDiagnosedOrLeavesNoOtherDrops() {
    assumeThat(Runtime.getRuntime().availableProcessors()).as("needs 2 CPUs").isGreaterThanOrEqualTo(2);
    LabRun run = wiring.lab.run(new BacklogFullScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isIn(Verdict.DIAGNOSED, Verdict.NO_DROPS);
    if (run.report().verdict() == Verdict.DIAGNOSED) {
      assertThat(run.report().diagnoses()).first().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("backlog-full");
        assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("sysctl -w net.core.netdev_max_backlog="));
      });
    }
    assertThat(Path.of("/run/netns/dropdx-lab-bl-rx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
