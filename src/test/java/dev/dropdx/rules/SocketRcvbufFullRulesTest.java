package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.SocketInfo;
import dev.dropdx.fact.SocketScan;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class SocketRcvbufFullRulesTest {
  private static final String SRC = "198.18.63.1";
  private static final String DST = "198.18.63.2";
  private static final String PROVEN = "socket-rcvbuf-full: the UDP socket on the port drops for a full buffer";
  private static final Target TARGET = new Target(null, DST, 17, 5063, null, NS);

  private static Drop rbDrop(TargetMatch match) {
    return drop("udp_queue_rcv_one_skb", "SOCKET_RCVBUFF", match, "rb-rx0", SRC, DST, 17);
  }

  private static SocketInfo sock(int port, long drops) {
    return new SocketInfo(NS, "udp", "UNCONN", "0.0.0.0", port, null, "python3", 777, 1664, 2304, 1664, drops);
  }

  private static Object[] evidence(SocketInfo s, long counter) {
    return new Object[] {TARGET, rbDrop(TargetMatch.TARGET), new SocketScan(NS, 1), s, new Counter(NS, "UdpRcvbufErrors", counter, 900, 1.0),
        sysctl("net.core.rmem_max", "4194304"), sysctl("net.core.rmem_default", "212992")};
  }

  @Test
  void aRcvbuffDropAsksForTheSocketTheCounterAndTheBufferLimits() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, rbDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("sockets")).singleElement().satisfies(r -> assertThat(r.param("port")).isEqualTo("5063"));
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("names", "UdpRcvbufErrors").containsEntry("seconds", "0.5"));
      assertThat(h.requests("sysctl")).singleElement()
          .satisfies(r -> assertThat(r.param("keys")).isEqualTo("net.core.rmem_max net.core.rmem_default"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theFullSocketIsDiagnosedWithItsOwnerAndBufferAndTheProgramSetTheSizeItself() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(evidence(sock(5063, 6810), 6801)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("socket-rcvbuf-full");
      assertThat(d.bindings()).containsEntry("endpoint", "udp 0.0.0.0:5063").containsEntry("owner", "python3 (pid 777)")
          .containsEntry("rcvbuf", "2304").containsEntry("socketDrops", "6810").containsEntry("rmemMax", "4194304")
          .containsEntry("suggestedBuf", "4194304").containsEntry("suggestedMax", "4194304");
      assertThat(RuleHarness.words(d)).contains("set it itself with setsockopt(SO_RCVBUF)");
      assertThat(d.evidence()).hasSize(5);
    }
  }

  @Test
  void nearMissTheFullSocketIsOnAnotherPort() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(evidence(sock(9999, 6810), 6801)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheSocketOnThePortHasNoDrops() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(evidence(sock(5063, 0), 6801)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesRcvbuffDropForAnotherPortAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, rbDrop(TargetMatch.OTHER), sock(9999, 50)).fire();
      assertThat(h.requests("sockets")).isEmpty();
      assertThat(h.requests("counters")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
