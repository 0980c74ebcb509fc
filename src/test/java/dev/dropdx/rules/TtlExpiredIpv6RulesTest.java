package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.RouteLookup;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** ttl-expired, IPv6 twin: IP_INHDR at ip6_forward (hop limit), proven by Ip6InHdrErrors growing and the route existing. */
class TtlExpiredIpv6RulesTest {
  private static final String A = "2001:db8:50::1";
  private static final String B = "2001:db8:51::1";
  private static final String IF = "tl6-r1";
  private static final String PROVEN = "ttl-expired: the hop limit runs out at this router";

  private static Drop inhdr(String function, TargetMatch match) {
    return drop(function, "IP_INHDR", match, IF, A, B, 58);
  }

  private static Counter counter(String name, long increase) {
    return new Counter(NS, name, 40, increase, 1);
  }

  private static RouteLookup forwarded(String dev) {
    return new RouteLookup(NS, "input", B, A, IF, dev, "unicast", null);
  }

  @Test
  void aHopLimitDropAsksForTheIpv6CountersAndTheInputRoute() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_forward", TargetMatch.TARGET)).fire();
      assertThat(h.requests("counters")).singleElement()
          .satisfies(r -> assertThat(r.params()).containsEntry("names", "Ip6InHdrErrors Icmp6OutTimeExcds").containsEntry("seconds", "0.5"));
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(B);
        assertThat(r.param("from")).isEqualTo(A);
        assertThat(r.param("iif")).isEqualTo(IF);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void growingIpv6HeaderErrorsOnAForwardedPathAreDiagnosedInHopLimitWords() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_forward", TargetMatch.TARGET), counter("Ip6InHdrErrors", 3), counter("Icmp6OutTimeExcds", 3),
          forwarded("tl6-r2")).fire();
      assertThat(h.fired()).contains(PROVEN).doesNotContain("ttl-expired: the TTL runs out at this router");
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("ttl-expired");
      assertThat(d.bindings()).containsEntry("family", "ipv6").containsEntry("outDev", "tl6-r2").containsEntry("path", "onward");
      String words = RuleHarness.words(d);
      assertThat(words).contains("Hop limit exceeded at this router").contains("ip6_forward").contains("ICMPv6")
          .contains("Ip6InHdrErrors = 40 (+3").contains("net.ipv6.conf.all.hop_limit=64").contains("nstat -saz Ip6InHdrErrors Icmp6OutTimeExcds")
          .contains("hlim is above 1").contains("ip -n " + NS + " route get " + B + " from " + A + " iif " + IF)
          .doesNotContain("ip_default_ttl").doesNotContain("TTL expired");
    }
  }

  @Test
  void theIpv4WordsStayForAnIpv4Drop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_forward", "IP_INHDR", TargetMatch.TARGET, IF, "198.18.50.1", "198.18.51.1", 1),
          new Counter(NS, "IpInHdrErrors", 40, 5, 1), new Counter(NS, "IcmpOutTimeExcds", 40, 5, 1),
          new RouteLookup(NS, "input", "198.18.51.1", "198.18.50.1", IF, "tl6-r2", "unicast", null)).fire();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("family", "ipv4");
      assertThat(RuleHarness.words(d)).contains("TTL expired at this router").contains("net.ipv4.ip_default_ttl=64").doesNotContain("hop limit");
    }
  }

  @Test
  void aLoopBackOutOfTheArrivalDeviceIsNamed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_forward", TargetMatch.TARGET), counter("Ip6InHdrErrors", 3), counter("Icmp6OutTimeExcds", 3), forwarded(IF)).fire();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("path", "back");
      assertThat(RuleHarness.words(d)).contains("routing loop").contains("one hop of hop limit");
    }
  }

  @Test
  void nearMissTheIpv4CountersOrNoGrowthDoNotProveAnIpv6Drop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_forward", TargetMatch.TARGET), counter("IpInHdrErrors", 5), counter("IcmpOutTimeExcds", 5), forwarded("tl6-r2")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.param("names")).startsWith("Ip6InHdrErrors"));
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_forward", TargetMatch.TARGET), counter("Ip6InHdrErrors", 0), counter("Icmp6OutTimeExcds", 0), forwarded("tl6-r2")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnotherPlaceNoRouteOrSomeoneElsesPackets() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_rcv_core", TargetMatch.TARGET), counter("Ip6InHdrErrors", 3), counter("Icmp6OutTimeExcds", 3), forwarded("tl6-r2")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("ttl-expired"));
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_forward", TargetMatch.TARGET), counter("Ip6InHdrErrors", 3), counter("Icmp6OutTimeExcds", 3),
          new RouteLookup(NS, "input", B, A, IF, null, null, "Network is unreachable")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip6_forward", TargetMatch.OTHER), counter("Ip6InHdrErrors", 3), counter("Icmp6OutTimeExcds", 3), forwarded("tl6-r2")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("counters")).isEmpty();
    }
  }
}
