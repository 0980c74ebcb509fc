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
class NoRouteInputLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void aRouterWithoutARouteToTheDestinationIsDiagnosedLive() {
    LabRun run = wiring.lab.run(new NoRouteInputScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("no-route-input");
      assertThat(d.explanation()).contains("rin-rx0").contains("198.18.99.1").contains("Network is unreachable");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("ip -n dropdx-lab-rin-rx route add 198.18.99.1/32 via"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("IP_INNOROUTES");
      assertThat(d.function()).isEqualTo("ip_error");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).contains("drop-watch", "route", "sysctl", "counters");
    assertThat(Path.of("/run/netns/dropdx-lab-rin-rx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
