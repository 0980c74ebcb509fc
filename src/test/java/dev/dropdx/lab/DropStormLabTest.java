package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.Target;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A drop storm with a tiny trace buffer: per packet, bpftrace counts in its own map, so no event is
 * lost and the counts are exact (no tracefs trace runs beside it since issue 14's cost to the host).
 * The tracefs backend's overrun under a storm is TracefsStormLabTest's (probe/drops).
 */
@LabTest
class DropStormLabTest {
  /** UDP to a closed port on loopback as fast as python can: every datagram is a NO_SOCKET kfree_skb. */
  private static final String STORM = "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
      + "while True:\n  s.sendto(b'x',('127.0.0.1',9))\n";

  @Test
  void aStormIsCountedExactlyPerPacketWhateverTheTraceBuffer() throws Exception {
    System.setProperty("dropdx.trace-buffer-kb", "4");
    try (LabWiring wiring = new LabWiring(); LabNetwork net = new LabNetwork(wiring.runner, wiring.children)) {
      String ns = net.namespace("dropdx-lab-storm");
      net.startTraffic(ns, List.of("python3", "-c", STORM));
      Thread.sleep(500);
      DiagnosisReport r = wiring.engine.diagnose(new Target(null, "127.0.0.1", 17, 9, null, ns), new DiagnosisOptions(2, 1, 60), l -> { });
      TrailStep watch = r.trail().stream().filter(s -> s.probe().equals("drop-watch")).findFirst().orElseThrow();
      assertThat(watch.backend()).isEqualTo("tracefs+bpftrace");
      assertThat(watch.notes()).noneSatisfy(n -> assertThat(n).startsWith("the trace buffer overran: "));
      assertThat(r.evidence().get(0).raw()).contains("lost-events: 0").containsPattern("@drops\\[.*, 127.0.0.1, 127.0.0.1, 17, lo, \\d+, 9\\]: [1-9]");
    } finally {
      System.clearProperty("dropdx.trace-buffer-kb");
    }
  }
}
