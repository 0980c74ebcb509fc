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
class SocketRcvbufFullLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void aFloodedSocketWithATinyBufferIsDiagnosedLiveWithItsOwnerAndBuffer() {
    LabRun run = wiring.lab.run(new SocketRcvbufFullScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("socket-rcvbuf-full");
      assertThat(d.explanation()).contains("udp 0.0.0.0:5063").contains("owned by python3 (pid ").contains("buffer of 2304 bytes")
          .contains("UdpRcvbufErrors").contains("setsockopt(SO_RCVBUF)").contains("198.18.63.1");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("setsockopt(fd, SOL_SOCKET, SO_RCVBUF, 4194304)").contains("sysctl -w net.core.rmem_max=4194304"));
      assertThat(d.verify()).anySatisfy(v -> assertThat(v).contains("nstat -az UdpRcvbufErrors"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("SOCKET_RCVBUFF");
      assertThat(d.iface()).isEqualTo("rb-rx0");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).startsWith("host", "drop-watch").contains("sockets", "counters", "sysctl");
    assertThat(Path.of("/run/netns/dropdx-lab-rb-rx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
