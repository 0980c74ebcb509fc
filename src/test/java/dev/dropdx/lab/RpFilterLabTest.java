package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@LabTest
class RpFilterLabTest {
  private final LabWiring wiring = new LabWiring();
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 120);

  @Test
  void strictRpFilterIsDiagnosedLiveWithTheSettingInForce() {
    LabRun run = wiring.lab.run(new RpFilterStrictScenario(), options, line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("rp-filter");
      assertThat(d.explanation()).contains("net.ipv4.conf.rpf-rx0.rp_filter is the setting in force").contains("strict");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("sysctl -w net.ipv4.conf.rpf-rx0.rp_filter=2"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("IP_RPFILTER");
      assertThat(d.iface()).isEqualTo("rpf-rx0");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).startsWith("host", "drop-watch").contains("sysctl", "route");
    assertLabGone("dropdx-lab-rpf-rx");
  }

  @Test
  void aHealthyPairHasNoDrops() {
    LabRun run = wiring.lab.run(new CleanPairScenario(), options, line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.NO_DROPS);
    assertThat(run.report().diagnoses()).isEmpty();
    assertThat(run.asExpected()).isTrue();
    assertLabGone("dropdx-lab-clean-rx");
  }

  private void assertLabGone(String namespace) {
    assertThat(Path.of("/run/netns", namespace)).doesNotExist();
    assertThat(wiring.instances.openCount()).isZero();
    assertThat(wiring.children.count()).isZero();
    try (var dirs = Files.list(Path.of("/sys/kernel/tracing/instances"))) {
      assertThat(dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dropdx-" + ProcessHandle.current().pid() + "-")))
          .isEmpty();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
