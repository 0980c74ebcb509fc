package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** l4-checksum: UDP_CSUM / TCP_CSUM drops proven by the namespace's own checksum counters. */
class L4ChecksumRulesTest {
  private static final String SRC = "198.18.130.1";
  private static final String DST = "198.18.130.2";
  private static final String IF = "l4c-rx0";
  private static final String ASK = "l4-checksum: ask whether the namespace counts transport checksum errors";
  private static final String PROVEN = "l4-checksum: the transport checksum is wrong and the kernel counts it";

  private static Drop udpCsum(TargetMatch match) {
    return drop("__udp4_lib_rcv", "UDP_CSUM", match, IF, SRC, DST, 17);
  }

  private static Drop tcpCsum(TargetMatch match) {
    return drop("tcp_v4_rcv", "TCP_CSUM", match, IF, SRC, DST, 6);
  }

  private static Counter counter(String name, long value, long increase) {
    return new Counter(NS, name, value, increase, 1);
  }

  @Test
  void aUdpChecksumDropAsksForTheUdpChecksumCounters() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(udpCsum(TargetMatch.TARGET)).fire();
      assertThat(h.fired()).contains(ASK);
      assertThat(h.requests("counters")).singleElement().satisfies(r -> {
        assertThat(r.param("names")).isEqualTo("UdpInCsumErrors UdpInErrors");
        assertThat(r.param("seconds")).isEqualTo("0.5");
        assertThat(r.param("netns")).isEqualTo(NS);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aTcpChecksumDropAsksForTheTcpChecksumCounters() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcpCsum(TargetMatch.TARGET)).fire();
      assertThat(h.requests("counters")).singleElement()
          .satisfies(r -> assertThat(r.params()).containsEntry("names", "TcpInCsumErrors TcpInErrs").containsEntry("seconds", "0.5"));
    }
  }

  @Test
  void aGrowingUdpChecksumCounterProvesTheCause() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(udpCsum(TargetMatch.TARGET), counter("UdpInCsumErrors", 40, 10)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("l4-checksum");
      assertThat(d.bindings()).containsEntry("iface", IF).containsEntry("src", SRC).containsEntry("dst", DST)
          .containsEntry("proto", "udp").containsEntry("reason", "UDP_CSUM").containsEntry("csumCounter", "UdpInCsumErrors");
      assertThat(d.bindings().get("csumErrors")).contains("UdpInCsumErrors = 40 (+10 in");
      assertThat(d.evidence()).hasSize(2);
      assertThat(RuleHarness.words(d)).contains("UDP packets from 198.18.130.1", "bad udp cksum", "nstat -saz UdpInCsumErrors UdpInErrors");
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void aGrowingTcpChecksumCounterProvesTheCauseForTcp() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcpCsum(TargetMatch.UNFILTERED), counter("TcpInCsumErrors", 4, 4)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("l4-checksum");
        assertThat(d.bindings()).containsEntry("proto", "tcp").containsEntry("csumCounter", "TcpInCsumErrors");
      });
    }
  }

  @Test
  void nearMissSomeoneElsesChecksumDropAsksNothingAndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(udpCsum(TargetMatch.OTHER), counter("UdpInCsumErrors", 40, 10)).fire();
      assertThat(h.requests("counters")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissCountersThatDoNotGrowProveNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(udpCsum(TargetMatch.TARGET), counter("UdpInCsumErrors", 40, 0)).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheOtherTransportsCounterProvesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(udpCsum(TargetMatch.TARGET), counter("TcpInCsumErrors", 40, 10)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnIpHeaderChecksumDropIsNotATransportChecksum() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_rcv_core", "IP_CSUM", TargetMatch.TARGET, IF, SRC, DST, 17), counter("UdpInCsumErrors", 40, 10)).fire();
      assertThat(h.fired()).doesNotContain(ASK, PROVEN);
      assertThat(h.diagnoses()).extracting(Diagnosis::cause).doesNotContain("l4-checksum");
    }
  }
}
