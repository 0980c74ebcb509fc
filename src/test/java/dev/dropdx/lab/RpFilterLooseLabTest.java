package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@LabTest
class RpFilterLooseLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void looseRpFilterWithNoRouteBackIsDiagnosedLive() {
    LabRun run = wiring.lab.run(new RpFilterLooseScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("rp-filter");
      assertThat(d.explanation()).contains("loose (2)").contains("rpl-rx0").contains("198.18.72.1")
          .contains("net.ipv4.conf.rpl-rx0.rp_filter is the setting in force").contains("does not exist");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("ip -n dropdx-lab-rpl-rx route add 198.18.72.1/32 dev rpl-rx0"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("IP_RPFILTER");
      assertThat(d.iface()).isEqualTo("rpl-rx0");
    });
    assertThat(Path.of("/run/netns/dropdx-lab-rpl-rx")).doesNotExist();
    assertThat(Path.of("/run/netns/dropdx-lab-rpl-tx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
