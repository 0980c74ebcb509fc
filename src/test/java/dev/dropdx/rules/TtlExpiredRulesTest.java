package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.inputRouteFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.RouteLookup;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** ttl-expired: IP_INHDR at ip_forward, proven by IpInHdrErrors growing and the route existing. */
class TtlExpiredRulesTest {
  private static final String A = "198.18.50.1";
  private static final String B = "198.18.51.1";
  private static final String IF = "ttl-r1";
  private static final String PROVEN = "ttl-expired: the TTL runs out at this router";

  private static Drop inhdr(String function, TargetMatch match) {
    return drop(function, "IP_INHDR", match, IF, A, B, 1);
  }

  private static Counter counter(String name, long increase) {
    return new Counter(NS, name, 40, increase, 1);
  }

  private static RouteLookup forwarded() {
    return new RouteLookup(NS, "input", B, A, IF, "ttl-r2", "unicast", null);
  }

  @Test
  void aTargetDropAsksForTheCountersAndTheInputRoute() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip_forward", TargetMatch.TARGET)).fire();
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("names", "IpInHdrErrors IcmpOutTimeExcds").containsEntry("seconds", "0.5"));
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(B);
        assertThat(r.param("iif")).isEqualTo(IF);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void growingHeaderErrorsOnAForwardedPathAreDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip_forward", TargetMatch.TARGET), counter("IpInHdrErrors", 5), counter("IcmpOutTimeExcds", 5), forwarded()).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("ttl-expired");
      assertThat(d.bindings()).containsEntry("outDev", "ttl-r2").containsEntry("iface", IF).containsEntry("path", "onward");
      assertThat(RuleHarness.words(d)).contains("IpInHdrErrors = 40 (+5").contains("routing loop")
          .contains("ip -n " + NS + " route get " + B + " from " + A + " iif " + IF);
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("ttl-expired"));
    }
  }

  @Test
  void nearMissHeaderErrorsThatDoNotGrowConcludeNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip_forward", TargetMatch.TARGET), counter("IpInHdrErrors", 0), counter("IcmpOutTimeExcds", 0), forwarded()).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissNoRouteConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip_forward", TargetMatch.TARGET), counter("IpInHdrErrors", 5), counter("IcmpOutTimeExcds", 5),
          inputRouteFails(B, A, IF, "Network is unreachable")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAHeaderErrorAtReceiveOrSomeoneElsesDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inhdr("ip_rcv_core", TargetMatch.TARGET), inhdr("ip_forward", TargetMatch.OTHER)).fire();
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("ttl-expired"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aRouteThatSendsThePacketsBackOutWhereTheyCameInNamesTheLoop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_forward", "IP_INHDR", TargetMatch.TARGET, "ttl-r2", A, "198.18.9.9", 1), counter("IpInHdrErrors", 5),
          counter("IcmpOutTimeExcds", 1), new RouteLookup(NS, "input", "198.18.9.9", A, "ttl-r2", "ttl-r2", "unicast", null)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("path", "back");
        assertThat(RuleHarness.words(d)).contains("a routing loop between this host and that neighbour").contains("Break the loop");
      });
    }
  }
}
