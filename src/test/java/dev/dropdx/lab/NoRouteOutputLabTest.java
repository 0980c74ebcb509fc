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
class NoRouteOutputLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void tcpConnectionsThatLostTheirRouteAreDiagnosedLive() {
    LabRun run = wiring.lab.run(new NoRouteOutputScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("no-route-output");
      assertThat(d.explanation()).contains("198.18.31.2").contains("198.18.30.1").contains("Network is unreachable").contains("IpOutNoRoutes");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("ip -n dropdx-lab-rout-tx route add 198.18.31.2/32 via"));
    });
    // Seen per packet although the IP header was never written: addresses and namespace come from the socket.
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("IP_OUTNOROUTES");
      assertThat(d.function()).isEqualTo("__ip_queue_xmit");
      assertThat(d.dst()).isEqualTo("198.18.31.2");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).contains("drop-watch", "route", "counters");
    assertThat(Path.of("/run/netns/dropdx-lab-rout-tx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
