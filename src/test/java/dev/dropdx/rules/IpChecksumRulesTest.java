package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Counter;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class IpChecksumRulesTest {
  private static final String SRC = "198.18.10.1";
  private static final String DST = "198.18.10.2";
  private static final String IF = "ck-rx0";
  private static final String ASK = "ip-checksum: ask whether the namespace counts IP checksum errors";
  private static final String PROVEN = "ip-checksum: the IP header checksum is wrong and the kernel counts it";

  private static Drop csumDrop(TargetMatch match) {
    return drop("ip_rcv_core", "IP_CSUM", match, IF, SRC, DST, 17);
  }

  static Counter counter(String name, long value, long increase) {
    return new Counter(NS, name, value, increase, 1);
  }

  @Test
  void aTargetDropWithReasonIpCsumAsksForTheChecksumCounters() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(csumDrop(TargetMatch.TARGET)).fire();
      assertThat(h.fired()).contains(ASK);
      assertThat(h.requests("counters")).singleElement().satisfies(r -> {
        assertThat(r.param("names")).isEqualTo("IpExtInCsumErrors IpInHdrErrors");
        assertThat(r.param("seconds")).isEqualTo("0.5");
        assertThat(r.param("netns")).isEqualTo(NS);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void growingChecksumCountersProveTheCause() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(csumDrop(TargetMatch.TARGET), counter("IpExtInCsumErrors", 744, 10), counter("IpInHdrErrors", 744, 10)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("ip-checksum");
      assertThat(d.rank()).isEqualTo(1);
      assertThat(d.bindings()).containsEntry("iface", IF).containsEntry("src", SRC).containsEntry("dst", DST);
      assertThat(d.bindings().get("csumErrors")).contains("IpExtInCsumErrors = 744 (+10 in");
      assertThat(d.evidence()).hasSize(3);
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void anUnfilteredDropIsEnoughWhenTheCountersGrow() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(csumDrop(TargetMatch.UNFILTERED), counter("IpExtInCsumErrors", 5, 5), counter("IpInHdrErrors", 9, 5)).fire();
      assertThat(h.diagnoses()).extracting(Diagnosis::cause).containsExactly("ip-checksum");
    }
  }

  @Test
  void nearMissSomeoneElsesIpCsumDropAsksNothingAndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(csumDrop(TargetMatch.OTHER), counter("IpExtInCsumErrors", 744, 10), counter("IpInHdrErrors", 744, 10)).fire();
      assertThat(h.requests("counters")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissUdpChecksumIsAnotherDropAndAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("__udp4_lib_rcv", "UDP_CSUM", TargetMatch.TARGET, IF, SRC, DST, 17)).fire();
      // l4-checksum asks for its own counters here; none of the IP header checksum counters are asked
      assertThat(h.requests("counters")).extracting(r -> r.param("names")).doesNotContain("IpExtInCsumErrors IpInHdrErrors");
      assertThat(h.fired()).doesNotContain(ASK, PROVEN);
    }
  }

  @Test
  void nearMissCountersThatDoNotGrowProveNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(csumDrop(TargetMatch.TARGET), counter("IpExtInCsumErrors", 744, 0), counter("IpInHdrErrors", 744, 0)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
