package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
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

class NoSocketRulesTest {
  private static final String SRC = "198.18.61.1";
  private static final String DST = "198.18.61.2";
  private static final String IF = "ns-rx0";
  private static final int PORT = 5061;
  private static final String UDP_RULE = "no-socket: no UDP socket for the destination port";
  private static final String TCP_RULE = "no-socket: no TCP listener for the destination port";

  private static Drop udpDrop(TargetMatch match) {
    return drop("__udp4_lib_rcv", "NO_SOCKET", match, IF, SRC, DST, 17);
  }

  private static Target target(int proto) {
    return new Target(null, DST, proto, PORT, null, NS);
  }

  private static SocketInfo socket(String proto, String state, String addr, int port, String device) {
    return new SocketInfo(NS, proto, state, addr, port, device, "python3", 4242, 0, 212992, 0, 0);
  }

  private static Counter noPorts(long value) {
    return new Counter(NS, "UdpNoPorts", value, 5, 1.0);
  }

  @Test
  void aUdpNoSocketDropAsksForTheSocketsAndUdpNoPorts() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("sockets")).singleElement().satisfies(r -> {
        assertThat(r.param("netns")).isEqualTo(NS);
        assertThat(r.param("port")).isEqualTo("5061");
      });
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("names", "UdpNoPorts").containsEntry("seconds", "0.5"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void noUdpSocketButATcpListenerOnThePortIsDiagnosedAndTheListenerNamed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET), new SocketScan(NS, 2), socket("tcp", "LISTEN", "0.0.0.0", PORT, null),
          socket("udp", "UNCONN", "0.0.0.0", 53, null), noPorts(40)).fire();
      assertThat(h.fired()).contains(UDP_RULE);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("no-socket");
      assertThat(d.bindings()).containsEntry("proto", "udp").containsEntry("dport", "5061").containsEntry("dst", DST);
      assertThat(RuleHarness.words(d)).contains("tcp 0.0.0.0:5061").contains("python3 (pid 4242)")
          .contains("listens for tcp, but the packets are udp").doesNotContain(":53");
      assertThat(d.evidence()).hasSize(3);
      assertThat(h.requests()).extracting(r -> r.probe()).containsOnly("drop-watch"); // the Target alone asks for the watch
    }
  }

  @Test
  void aUdpSocketBoundToAnotherAddressDoesNotReceiveAndIsNamed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET), new SocketScan(NS, 1), socket("udp", "UNCONN", "127.0.0.1", PORT, null),
          noPorts(40)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d ->
          assertThat(RuleHarness.words(d)).contains("bound to 127.0.0.1 only, but the packets are addressed to " + DST));
    }
  }

  @Test
  void nothingOnThePortAtAllSaysSo() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET), new SocketScan(NS, 0), noPorts(3)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d ->
          assertThat(RuleHarness.words(d)).contains("No socket of any protocol or address uses port 5061"));
    }
  }

  @Test
  void aTcpSegmentWithoutListenerIsDiagnosedWithoutACounter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(6), drop("tcp_v4_rcv", "NO_SOCKET", TargetMatch.TARGET, IF, SRC, DST, 6), new SocketScan(NS, 1),
          socket("udp", "UNCONN", "0.0.0.0", PORT, null)).fire();
      assertThat(h.requests("counters")).isEmpty();
      assertThat(h.fired()).contains(TCP_RULE).doesNotContain(UDP_RULE);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(d.bindings()).containsEntry("proto", "tcp"));
    }
  }

  @Test
  void nearMissAWildcardUdpSocketOnThePortExistsConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET), new SocketScan(NS, 1), socket("udp", "UNCONN", "0.0.0.0", PORT, null),
          noPorts(40)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissASocketBoundToTheReceivingDeviceIsAListener() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET), new SocketScan(NS, 1), socket("udp", "UNCONN", "0.0.0.0", PORT, IF),
          noPorts(40)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissUdpNoPortsStillZeroConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET), new SocketScan(NS, 0), noPorts(0)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissIcmpEchoRepliesFreedInPingRcvAreNeverNoSocket() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(new Target(null, DST, 1, null, null, NS), drop("ping_rcv", "NO_SOCKET", TargetMatch.TARGET, IF, SRC, DST, 1),
          new SocketScan(NS, 0), noPorts(5)).fire();
      assertThat(h.requests("sockets")).isEmpty();
      assertThat(h.requests("counters")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesNoSocketDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.OTHER), new SocketScan(NS, 0), noPorts(5)).fire();
      assertThat(h.requests()).extracting(r -> r.probe()).containsOnly("drop-watch"); // the Target alone asks for the watch
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  // IPv6 (lab no-socket-v6): datagrams to 2001:db8:66::2:5066 freed at __udp6_lib_rcv, counted in Udp6NoPorts.
  private static final String SRC6 = "2001:db8:66::1";
  private static final String DST6 = "2001:db8:66::2";

  private static Drop udp6Drop() {
    return drop("__udp6_lib_rcv", "NO_SOCKET", TargetMatch.TARGET, IF, SRC6, DST6, 17);
  }

  private static Target target6() {
    return new Target(null, DST6, 17, PORT, null, NS);
  }

  @Test
  void anIpv6DropAsksForUdp6NoPortsNotTheIpv4Counter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target6(), udp6Drop(), noPorts(40)).fire();
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("names", "Udp6NoPorts").containsEntry("seconds", "0.5"));
    }
  }

  @Test
  void anIpv4OnlyWildcardSocketDoesNotTakeIpv6DatagramsAndIsDiagnosedInIpv6Words() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target6(), udp6Drop(), new SocketScan(NS, 1), socket("udp", "UNCONN", "0.0.0.0", PORT, null),
          new Counter(NS, "Udp6NoPorts", 30, 10, 1.0)).fire();
      assertThat(h.fired()).contains(UDP_RULE);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("family", "6").containsEntry("udpCounter", "Udp6NoPorts");
      assertThat(RuleHarness.words(d)).contains("Udp6NoPorts is 30").contains("ICMPv6 port unreachable")
          .contains("udp 0.0.0.0:5061 UNCONN owned by python3 (pid 4242) listens on 0.0.0.0, every IPv4 address and no IPv6 one")
          .contains("bind the service to [::]").doesNotContain("UdpNoPorts is");
    }
  }

  @Test
  void nearMissADualStackSocketOnThePortTakesIpv6AndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target6(), udp6Drop(), new SocketScan(NS, 1), socket("udp", "UNCONN", "*", PORT, null),
          new Counter(NS, "Udp6NoPorts", 30, 10, 1.0)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissOnlyTheIpv4CounterRoseForIpv6DropsConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target6(), udp6Drop(), new SocketScan(NS, 0), noPorts(40), new Counter(NS, "Udp6NoPorts", 0, 0, 1.0)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnIpv6OnlySocketDoesNotTakeIpv4Datagrams() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(target(17), udpDrop(TargetMatch.TARGET), new SocketScan(NS, 1), socket("udp", "UNCONN", "::", PORT, null), noPorts(40)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d)).contains("IPv6 only (IPV6_V6ONLY"));
    }
  }
}
