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
class NoSocketLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void udpToAPortWithOnlyATcpListenerIsDiagnosedLiveAndTheListenerNamed() {
    LabRun run = wiring.lab.run(new NoSocketScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("no-socket");
      assertThat(d.explanation()).contains("198.18.61.2 port 5061").contains("on ns-rx0").contains("UdpNoPorts")
          .contains("tcp 0.0.0.0:5061 LISTEN owned by python3").contains("listens for tcp, but the packets are udp");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("ip netns exec dropdx-lab-ns-rx ss -lnpu 'sport = :5061'"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("NO_SOCKET");
      assertThat(d.function()).isEqualTo("__udp4_lib_rcv");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).startsWith("host", "drop-watch").contains("sockets", "counters");
    assertThat(Path.of("/run/netns/dropdx-lab-ns-rx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
