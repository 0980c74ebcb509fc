package dev.dropdx.probe.drops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.lab.LabNetwork;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.host.NetnsInodes;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tracefs backend (the one that runs without bpftrace) under a drop storm into a tiny trace
 * buffer: the ring buffer overruns, and the watch says so (events lost, counts a lower bound)
 * instead of hiding it.
 */
@LabTest
class TracefsStormLabTest {
  /** UDP to a closed port on loopback as fast as python can: every datagram is a NO_SOCKET kfree_skb. */
  private static final String STORM = "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
      + "while True:\n  s.sendto(b'x',('127.0.0.1',9))\n";

  @Test
  void aStormIntoATinyBufferIsReportedAsLostEvents() throws Exception {
    try (LabWiring wiring = new LabWiring(); LabNetwork net = new LabNetwork(wiring.runner, wiring.children)) {
      String ns = net.namespace("dropdx-lab-storm");
      net.startTraffic(ns, List.of("python3", "-c", STORM));
      Thread.sleep(500);
      TracefsDropWatch tracefs = new TracefsDropWatch(wiring.instances, wiring.runner, wiring.children, new NetnsInodes(), 4, false);
      HostFacts host = new HostFacts("", true, "/sys/kernel/tracing", Map.of(), List.of(), List.of());
      ProbeOutcome o = tracefs.run(ProbeRequest.of("drop-watch", 100, "test", "storm"),
          new ProbeContext(new Target(null, "127.0.0.1", 17, 9, null, ns), host, 1, line -> { }));
      assertThat(o.notes()).anySatisfy(n -> assertThat(n).startsWith("the trace buffer overran: ").contains("counts are a lower bound"));
      assertThat(o.raw()).containsPattern("lost-events: [1-9]");
    }
  }
}
