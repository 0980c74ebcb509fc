package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.inputRoute;
import static dev.dropdx.support.Facts.inputRouteFails;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Counter;
import dev.dropdx.fact.RouteDecision;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class NoRouteInputRulesTest {
  private static final String SRC = "198.18.20.1";
  private static final String DST = "198.18.99.1";
  private static final String IF = "rin-rx0";
  private static final String PROVEN = "no-route-input: the host forwards but has no route to the destination";

  private static Drop noRoute(TargetMatch match) {
    return drop("ip_error", "IP_INNOROUTES", match, IF, SRC, DST, 1);
  }

  private static RouteDecision decision(String type, String via, String table, String pref, String entry) {
    return new RouteDecision(NS, SRC, DST, IF, type, via, table, pref, entry);
  }

  private static final RouteDecision MISSING = decision("missing", "none", null, null, null);

  private static Drop notSpecified(TargetMatch match) {
    return drop("ip_error", "NOT_SPECIFIED", match, IF, SRC, DST, 1);
  }

  private static Counter noRoutes(long increase) {
    return new Counter(NS, "IpExtInNoRoutes", 747, increase, 1);
  }

  @Test
  void aTargetDropAsksForTheInputRouteTheForwardingSettingAndTheCounterInThatOrder() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET)).fire();
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(DST);
        assertThat(r.param("from")).isEqualTo(SRC);
        assertThat(r.param("iif")).isEqualTo(IF);
        assertThat(r.priority()).isEqualTo(50);
      });
      assertThat(h.requests("sysctl")).singleElement().satisfies(r -> {
        assertThat(r.param("keys")).isEqualTo("net.ipv4.ip_forward net.ipv4.conf.rin-rx0.forwarding");
        assertThat(r.priority()).isEqualTo(40);
      });
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("names", "IpExtInNoRoutes").containsEntry("seconds", "0.5"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void forwardingOnAndNoInputRouteIsDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"),
          inputRouteFails(DST, SRC, IF, "Network is unreachable"), noRoutes(5)).fire();
      // The error alone does not name the route type: the rule and entry that decide are asked for.
      assertThat(h.requests("route-decision")).singleElement().satisfies(r -> assertThat(r.param("iif")).isEqualTo(IF));
      assertThat(h.diagnoses()).isEmpty();
      h.insert(MISSING).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("no-route-input");
      assertThat(d.bindings()).containsEntry("dst", DST).containsEntry("iface", IF).containsEntry("inputError", "Network is unreachable")
          .containsEntry("forwardingKey", "net.ipv4.conf.rin-rx0.forwarding").containsEntry("routeKind", "missing");
      assertThat(d.evidence()).hasSize(5);
      assertThat(RuleHarness.words(d)).contains("not even a default route").contains("IpExtInNoRoutes");
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("no-route-input"));
    }
  }

  @Test
  void nearMissTheRouteExistsConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"), inputRoute(DST, SRC, IF), noRoutes(5), MISSING).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissForwardingOffConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "0"),
          inputRouteFails(DST, SRC, IF, "No route to host"), noRoutes(5), MISSING).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheCounterDoesNotGrowConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"),
          inputRouteFails(DST, SRC, IF, "Network is unreachable"), noRoutes(0), MISSING).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissForwardingDisabledReasonAndSomeoneElsesDropsAskNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_error", "IP_INADDRERRORS", TargetMatch.TARGET, IF, SRC, DST, 1), noRoute(TargetMatch.OTHER)).fire();
      // IP_INADDRERRORS belongs to forwarding-disabled, which asks its own questions: none from no-route-input.
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("no-route-input"));
      assertThat(h.requests("counters")).isEmpty();
    }
  }

  private static final String TYPED = "no-route-input: the host forwards but a blackhole, unreachable or prohibit route or rule discards the packet";

  @Test
  void aNotSpecifiedDropAtIpErrorAsksTheSameQuestionsButNoCounter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(notSpecified(TargetMatch.TARGET), inputRouteFails(DST, SRC, IF, "Invalid argument")).fire();
      assertThat(h.requests("sysctl")).singleElement().satisfies(r -> assertThat(r.askedBy()).startsWith("no-route-input"));
      assertThat(h.requests("route-decision")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(DST);
        assertThat(r.param("from")).isEqualTo(SRC);
      });
      assertThat(h.requests("counters")).isEmpty();
    }
  }

  @Test
  void aBlackholeRouteInMainIsDiagnosedWithItsDeleteCommand() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(notSpecified(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"), inputRouteFails(DST, SRC, IF, "Invalid argument"),
          decision("blackhole", "route", "main", "32766", "blackhole 198.18.99.1")).fire();
      assertThat(h.fired()).contains(TYPED);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("routeKind", "blackhole").containsEntry("routePrefix", DST).containsEntry("reason", "NOT_SPECIFIED");
      assertThat(RuleHarness.words(d)).contains("a blackhole route")
          .contains("ip -n " + NS + " route del blackhole 198.18.99.1 table main").contains("no IP counter counts these drops");
    }
  }

  @Test
  void aProhibitRuleUnderPolicyRoutingIsDiagnosedWithTheRuleToDelete() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(notSpecified(TargetMatch.UNFILTERED), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"),
          inputRouteFails(DST, SRC, IF, "Permission denied"), decision("prohibit", "rule", null, "100", "100:\tfrom 198.18.20.1 prohibit")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("routeKind", "prohibit-rule");
        assertThat(RuleHarness.words(d)).contains("ip -n " + NS + " rule del pref 100").contains("action is prohibit");
      });
    }
  }

  @Test
  void aThrowRouteWithNothingBehindItIsDiagnosedAsThrow() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"), inputRouteFails(DST, SRC, IF, "Network is unreachable"),
          noRoutes(2), decision("throw", "route", "main", "32766", "throw 198.18.99.1")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d)).contains("a throw route")
          .contains("route del throw 198.18.99.1 table main"));
    }
  }

  @Test
  void nearMissTheKernelsAnswerDisagreesWithTheTypeConcludesNothing() {
    // A blackhole entry exists but the kernel says "No route to host": something else decides.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(notSpecified(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"), inputRouteFails(DST, SRC, IF, "No route to host"),
          decision("blackhole", "route", "100", "100", "blackhole 198.18.99.1 table 100")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnUnknownOrUnicastDecisionOrForwardingOffConcludesNothing() {
    for (RouteDecision r : java.util.List.of(decision("unknown", "rule", null, "90", "90:\tfrom all fwmark 0x1 lookup 100"),
        decision("unicast", "route", "main", "32766", "198.18.99.0/24 dev x"))) {
      try (RuleHarness h = new RuleHarness()) {
        h.insert(notSpecified(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"), inputRouteFails(DST, SRC, IF, "Invalid argument"), r)
            .fire();
        assertThat(h.diagnoses()).as(r.type()).isEmpty();
      }
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(notSpecified(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "0"), inputRouteFails(DST, SRC, IF, "Invalid argument"),
          decision("blackhole", "route", "main", "32766", "blackhole 198.18.99.1")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissNotSpecifiedElsewhereOrSomeoneElsesAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_rcv_finish_core", "NOT_SPECIFIED", TargetMatch.TARGET, IF, SRC, DST, 1), notSpecified(TargetMatch.OTHER)).fire();
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("no-route-input"));
    }
  }

  // IPv6 (labs no-route-input-v6, no-route-blackhole-v6), measured: ip6_pkt_discard / ip6_pkt_prohibit with IP_INNOROUTES,
  // dst_discard_out with NOT_SPECIFIED for a blackhole.
  private static final String SRC6 = "2001:db8:69::1";
  private static final String DST6 = "2001:db8:99::1";
  private static final String IF6 = "rin6-rx0";
  private static final String PROVEN6 = "no-route-input: IPv6: no route, or an unreachable or prohibit route, and Ip6InNoRoutes counts the drops";
  private static final String BLACKHOLE6 = "no-route-input: IPv6: a blackhole route or rule discards the packet";

  private static Drop drop6(String function, String reason) {
    return drop(function, reason, TargetMatch.TARGET, IF6, SRC6, DST6, 58);
  }

  private static RouteDecision decision6(String type, String via, String entry) {
    return new RouteDecision(NS, SRC6, DST6, IF6, type, via, via.equals("none") ? null : "main", via.equals("none") ? null : "32766", entry);
  }

  private static Counter noRoutes6(long increase) {
    return new Counter(NS, "Ip6InNoRoutes", 120, increase, 1);
  }

  @Test
  void anIpv6NoRouteDropAsksTheIpv6QuestionsNotTheIpv4Ones() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop6("ip6_pkt_discard", "IP_INNOROUTES")).fire();
      assertThat(h.requests("route")).singleElement().satisfies(r -> assertThat(r.param("to")).isEqualTo(DST6));
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("names", "Ip6InNoRoutes").containsEntry("seconds", "0.5"));
      assertThat(h.requests("sysctl")).isEmpty(); // IPv6 looks the route up before it checks forwarding
    }
  }

  @Test
  void anIpv6MissingRouteIsDiagnosedInIpv6Words() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop6("ip6_pkt_discard", "IP_INNOROUTES"), inputRouteFails(DST6, SRC6, IF6, "Network is unreachable"), noRoutes6(10),
          decision6("missing", "none", null)).fire();
      assertThat(h.fired()).contains(PROVEN6).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("family", "6").containsEntry("routeKind", "missing");
        assertThat(RuleHarness.words(d)).contains("ip6_pkt_discard").contains("ip -n " + NS + " -6 route add " + DST6 + "/128 via")
            .contains("Ip6InNoRoutes").contains("whether net.ipv6.conf.all.forwarding is on or off").doesNotContain("ip_error")
            .doesNotContain("/32 ");
      });
    }
  }

  @Test
  void anIpv6ProhibitRouteIsDiagnosedWithItsCounter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop6("ip6_pkt_prohibit", "IP_INNOROUTES"), inputRouteFails(DST6, SRC6, IF6, "Permission denied"), noRoutes6(3),
          decision6("prohibit", "route", "prohibit 2001:db8:99::/64 dev lo metric 1024 pref medium")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(d.bindings()).containsEntry("routeKind", "prohibit"));
    }
  }

  @Test
  void anIpv6BlackholeRouteIsDiagnosedAtDstDiscardOut() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop6("dst_discard_out", "NOT_SPECIFIED"), inputRouteFails(DST6, SRC6, IF6, "Invalid argument"),
          decision6("blackhole", "route", "blackhole 2001:db8:99::/64 dev lo metric 1024 pref medium")).fire();
      assertThat(h.fired()).contains(BLACKHOLE6);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d)).contains("a blackhole route")
          .contains("dst_discard_out"));
    }
  }

  @Test
  void nearMissIpv6CounterStillOrAnswerDisagreeingConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop6("ip6_pkt_discard", "IP_INNOROUTES"), inputRouteFails(DST6, SRC6, IF6, "Network is unreachable"), noRoutes6(0),
          decision6("missing", "none", null)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop6("dst_discard_out", "NOT_SPECIFIED"), inputRouteFails(DST6, SRC6, IF6, "No route to host"),
          decision6("blackhole", "route", "blackhole 2001:db8:99::/64 dev lo")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnIpv6DropElsewhereWithNotSpecifiedAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop6("ip6_forward", "NOT_SPECIFIED")).fire();
      assertThat(h.requests("route")).isEmpty();
    }
  }
}
