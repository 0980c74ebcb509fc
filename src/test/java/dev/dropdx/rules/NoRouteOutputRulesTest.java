package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.outputRoute;
import static dev.dropdx.support.Facts.outputRouteFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Counter;
import dev.dropdx.fact.RouteDecision;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class NoRouteOutputRulesTest {
  private static final String SRC = "198.18.30.1";
  private static final String DST = "198.18.31.2";
  private static final String PROVEN = "no-route-output: the host sends to a destination it has no route to";

  /** As the drop watch reports it: no device (the IP layer had not chosen one), addresses from the socket. */
  private static Drop outDrop(TargetMatch match) {
    return drop("__ip_queue_xmit", "IP_OUTNOROUTES", match, null, SRC, DST, 6);
  }

  private static RouteDecision decision(String type, String via, String table, String entry) {
    return new RouteDecision(NS, SRC, DST, null, type, via, table, table == null ? null : "32766", entry);
  }

  private static final RouteDecision MISSING = decision("missing", "none", null, null);

  private static Counter outNoRoutes(long increase) {
    return new Counter(NS, "IpOutNoRoutes", 568, increase, 1);
  }

  @Test
  void aTargetDropAsksForTheRouteFirstAndThenTheCounter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(DST);
        assertThat(r.param("from")).isNull();
        assertThat(r.priority()).isEqualTo(50);
      });
      assertThat(h.requests("counters")).singleElement().satisfies(r -> {
        assertThat(r.param("names")).isEqualTo("IpOutNoRoutes");
        assertThat(r.param("seconds")).isEqualTo("0.5");
        assertThat(r.priority()).isEqualTo(40);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void noOutputRouteAndAGrowingCounterIsDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop(TargetMatch.TARGET), outputRouteFails(DST, "Network is unreachable"), outNoRoutes(4)).fire();
      // The error alone does not name the route type: the deciding rule and entry are asked for.
      assertThat(h.requests("route-decision")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(DST);
        assertThat(r.param("from")).isEqualTo(SRC);
        assertThat(r.param("iif")).isNull();
      });
      assertThat(h.diagnoses()).isEmpty();
      h.insert(MISSING).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("no-route-output");
      assertThat(d.bindings()).containsEntry("dst", DST).containsEntry("src", SRC).containsEntry("function", "__ip_queue_xmit")
          .containsEntry("outputError", "Network is unreachable").containsEntry("routeKind", "missing");
      assertThat(d.evidence()).hasSize(4);
      assertThat(RuleHarness.words(d)).contains("not even a default route");
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("no-route-output"));
    }
  }

  @Test
  void nearMissTheRouteExistsConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop(TargetMatch.TARGET), outputRoute(DST, "rout-tx0"), outNoRoutes(4), MISSING).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheCounterDoesNotGrowConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop(TargetMatch.TARGET), outputRouteFails(DST, "Network is unreachable"), outNoRoutes(0), MISSING).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheVxlanUnderlayIsAnotherCauseAndAsksNothingHere() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("vxlan_xmit_one", "IP_OUTNOROUTES", TargetMatch.TARGET, "vx0", "198.18.70.1", "198.18.70.2", 17),
          outputRouteFails("198.18.70.2", "Network is unreachable"), new Counter(NS, "IpOutNoRoutes", 9, 3, 1)).fire();
      assertThat(h.fired()).noneMatch(n -> n.startsWith("no-route-output:"));
      assertThat(h.diagnoses()).noneMatch(d -> d.cause().equals("no-route-output"));
    }
  }

  @Test
  void nearMissSomeoneElsesDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop(TargetMatch.OTHER)).fire();
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("no-route-output:"));
    }
  }

  @Test
  void aConnectionThatMeetsABlackholeRouteIsDiagnosedWithItsDeleteCommand() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop(TargetMatch.TARGET), outputRouteFails(DST, "Invalid argument"), outNoRoutes(4),
          decision("blackhole", "route", "main", "blackhole 198.18.31.0/24")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("routeKind", "blackhole").containsEntry("routePrefix", "198.18.31.0/24");
        assertThat(RuleHarness.words(d)).contains("a blackhole route").contains("ip -n " + NS + " route del blackhole 198.18.31.0/24 table main")
            .contains("instead of 'Invalid argument'");
      });
    }
  }

  @Test
  void nearMissTheKernelsAnswerDisagreesWithTheTypeOrTheWalkCannotTellConcludesNothing() {
    for (RouteDecision r : java.util.List.of(decision("blackhole", "route", "main", "blackhole 198.18.31.0/24"),
        decision("unknown", "rule", null, "50:\tfrom all fwmark 0x1 lookup 100"))) {
      try (RuleHarness h = new RuleHarness()) {
        h.insert(outDrop(TargetMatch.TARGET), outputRouteFails(DST, "Network is unreachable"), outNoRoutes(4), r).fire();
        assertThat(h.diagnoses()).as(r.type()).isEmpty();
      }
    }
  }

  // IPv6 (lab no-route-output-v6), measured: inet6_csk_xmit, NOT_SPECIFIED, Ip6OutNoRoutes.
  private static final String SRC6 = "2001:db8:71::1";
  private static final String DST6 = "2001:db8:72::2";
  private static final String PROVEN6 = "no-route-output: IPv6: the host sends to a destination it has no route to";
  private static final String TYPED6 = "no-route-output: IPv6: a blackhole or prohibit route or rule discards what the host sends";

  private static Drop outDrop6(String function) {
    return drop(function, "NOT_SPECIFIED", TargetMatch.TARGET, null, SRC6, DST6, 6);
  }

  private static RouteDecision decision6(String type, String via, String entry) {
    return new RouteDecision(NS, SRC6, DST6, null, type, via, via.equals("none") ? null : "main", via.equals("none") ? null : "32766", entry);
  }

  private static dev.dropdx.fact.RouteLookup outputFails6(String error) {
    return new dev.dropdx.fact.RouteLookup(NS, "output", DST6, null, null, null, null, error);
  }

  @Test
  void anIpv6SegmentFreedInInet6CskXmitAsksForTheRouteAndIp6OutNoRoutes() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop6("inet6_csk_xmit")).fire();
      assertThat(h.requests("route")).singleElement().satisfies(r -> assertThat(r.param("to")).isEqualTo(DST6));
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("names", "Ip6OutNoRoutes").containsEntry("seconds", "0.5"));
    }
  }

  @Test
  void anIpv6MissingRouteIsDiagnosedWithIp6OutNoRoutes() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop6("inet6_csk_xmit"), outputFails6("Network is unreachable"), new Counter(NS, "Ip6OutNoRoutes", 284, 40, 1),
          decision6("missing", "none", null)).fire();
      assertThat(h.fired()).contains(PROVEN6).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("family", "6");
        assertThat(RuleHarness.words(d)).contains("inet6_csk_xmit with no specific reason").contains("Ip6OutNoRoutes")
            .contains("ip -n " + NS + " -6 route get " + DST6).doesNotContain("reason IP_OUTNOROUTES");
      });
    }
  }

  @Test
  void anIpv6ProhibitRouteIsProvenByItsTypeWithoutACounter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop6("inet6_csk_xmit"), outputFails6("Permission denied"),
          decision6("prohibit", "route", "prohibit 2001:db8:72::/64 dev lo metric 1024 pref medium")).fire();
      assertThat(h.fired()).contains(TYPED6);
    }
  }

  @Test
  void nearMissIpv6CounterStillOrAnotherFunctionConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop6("inet6_csk_xmit"), outputFails6("Network is unreachable"), new Counter(NS, "Ip6OutNoRoutes", 284, 0, 1),
          decision6("missing", "none", null)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(outDrop6("tcp_v6_rcv")).fire();
      assertThat(h.requests("route")).isEmpty();
    }
  }
}
