package dev.dropdx.probe.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.RouteDecision;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule-and-table walk on output recorded on 6.18 (kernel-evidence route-types, iproute2 6.1). */
class RouteDecisionParserTest {
  private static final String A = "198.18.1.1";
  private static final String B = "198.18.2.1";
  private static final String DEFAULT_RULES = "0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n";
  private static final String ROUTER_ROUTES = """
      198.18.1.0/24 dev r1 proto kernel scope link src 198.18.1.254\s
      198.18.2.0/24 dev r2 proto kernel scope link src 198.18.2.254\s
      local 198.18.1.254 dev r1 table local proto kernel scope host src 198.18.1.254\s
      broadcast 198.18.1.255 dev r1 table local proto kernel scope link src 198.18.1.254\s
      local 198.18.2.254 dev r2 table local proto kernel scope host src 198.18.2.254\s
      local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1\s
      """;

  private static RouteDecision decide(String rules, String routes) {
    return RouteDecisionParser.decide("r", A, B, "r1", rules, routes);
  }

  @Test
  void aHealthyForwardIsDecidedByTheConnectedRouteOfMain() {
    RouteDecision d = decide(DEFAULT_RULES, ROUTER_ROUTES);
    assertThat(d.type()).isEqualTo("unicast");
    assertThat(d.table()).isEqualTo("main");
    assertThat(d.rulePref()).isEqualTo("32766");
    assertThat(d.entry()).startsWith("198.18.2.0/24 dev r2");
  }

  @Test
  void aMoreSpecificTypedRouteInMainWins() {
    for (String type : List.of("blackhole", "unreachable", "prohibit")) {
      RouteDecision d = decide(DEFAULT_RULES, ROUTER_ROUTES + type + " 198.18.2.1 \n");
      assertThat(d.type()).as(type).isEqualTo(type);
      assertThat(d.via()).isEqualTo("route");
      assertThat(d.entry()).isEqualTo(type + " 198.18.2.1");
    }
  }

  @Test
  void aNeighbouringTypedRouteDoesNotCoverTheDestination() {
    assertThat(decide(DEFAULT_RULES, ROUTER_ROUTES + "blackhole 198.18.2.2 \n").type()).isEqualTo("unicast");
  }

  @Test
  void throwInMainFallsThroughToNothing() {
    RouteDecision d = decide(DEFAULT_RULES, ROUTER_ROUTES + "throw 198.18.2.1 \n");
    assertThat(d.type()).isEqualTo("throw");
    assertThat(d.table()).isEqualTo("main");
  }

  @Test
  void noRouteAtAllIsMissing() {
    RouteDecision d = RouteDecisionParser.decide("r", A, "198.18.99.1", "r1", DEFAULT_RULES, ROUTER_ROUTES);
    assertThat(d.type()).isEqualTo("missing");
    assertThat(d.via()).isEqualTo("none");
  }

  @Test
  void aPolicyRuleSendsTheSourceToATableWithATypedRoute() {
    String rules = "0:\tfrom all lookup local\n100:\tfrom 198.18.1.1 lookup 100\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n";
    RouteDecision d = decide(rules, ROUTER_ROUTES + "prohibit 198.18.2.1 table 100 \n");
    assertThat(d.type()).isEqualTo("prohibit");
    assertThat(d.table()).isEqualTo("100");
    assertThat(d.rulePref()).isEqualTo("100");
    // Another source does not match the rule: main decides.
    assertThat(RouteDecisionParser.decide("r", "198.18.1.7", B, "r1", rules, ROUTER_ROUTES + "prohibit 198.18.2.1 table 100 \n").type())
        .isEqualTo("unicast");
    // A throw in table 100 falls through to main (measured: forwarded).
    assertThat(decide(rules, ROUTER_ROUTES + "throw 198.18.2.1 table 100 \n").type()).isEqualTo("unicast");
  }

  @Test
  void aRulesOwnActionDecides() {
    String rules = "0:\tfrom all lookup local\n100:\tfrom 198.18.1.1 blackhole\n32766:\tfrom all lookup main\n";
    RouteDecision d = decide(rules, ROUTER_ROUTES);
    assertThat(d.type()).isEqualTo("blackhole");
    assertThat(d.via()).isEqualTo("rule");
    assertThat(d.entry()).isEqualTo("100:\tfrom 198.18.1.1 blackhole");
  }

  @Test
  void aSelectorThisWalkCannotJudgeGivesUnknownNotAGuess() {
    String rules = "0:\tfrom all lookup local\n90:\tfrom all fwmark 0x1 lookup 100\n32766:\tfrom all lookup main\n";
    assertThat(decide(rules, ROUTER_ROUTES).type()).isEqualTo("unknown");
    // An iif selector is judged: another interface does not match.
    String iif = "0:\tfrom all lookup local\n90:\tfrom all iif r9 prohibit\n32766:\tfrom all lookup main\n";
    assertThat(decide(iif, ROUTER_ROUTES).type()).isEqualTo("unicast");
    assertThat(RouteDecisionParser.decide("r", A, B, "r9", iif, ROUTER_ROUTES).type()).isEqualTo("prohibit");
  }

  @Test
  void theProbeReplaysItsRecordedSections() {
    RouteDecisionProbe probe = new RouteDecisionProbe(null);
    String raw = RecordedSections.writer()
        .section(RouteDecisionProbe.RULES, RawCommand.encode(new CommandResult(List.of("ip", "-4", "rule", "show"), 0, DEFAULT_RULES, "", false)) + "\n")
        .section(RouteDecisionProbe.ROUTES, RawCommand.encode(new CommandResult(List.of("ip"), 0, ROUTER_ROUTES + "blackhole 198.18.2.1 \n", "", false)))
        .toString();
    ProbeRequest req = ProbeRequest.of("route-decision", 40, "test", "why", "netns", "r", "to", B, "from", A, "iif", "r1");
    ProbeOutcome out = probe.interpret(req, raw, null);
    assertThat(out.facts()).singleElement().isInstanceOfSatisfying(RouteDecision.class, d -> assertThat(d.type()).isEqualTo("blackhole"));
    ProbeOutcome broken = probe.interpret(req, "garbage", null);
    assertThat(broken.facts()).isEmpty();
    assertThat(broken.notes()).singleElement().asString().contains("could not be read");
  }

  @Test
  void aLocallySentPacketMatchesIifLoRulesAndAnUnknownSourceCannotMatchAFromRule() {
    String rules = "0:\tfrom all lookup local\n50:\tfrom all iif lo lookup 100\n32766:\tfrom all lookup main\n";
    assertThat(RouteDecisionParser.decide("r", null, B, null, rules, ROUTER_ROUTES + "blackhole 198.18.2.1 table 100 \n").type()).isEqualTo("blackhole");
    String fromRule = "0:\tfrom all lookup local\n50:\tfrom 198.18.1.1 lookup 100\n32766:\tfrom all lookup main\n";
    assertThat(RouteDecisionParser.decide("r", null, B, null, fromRule, ROUTER_ROUTES).type()).isEqualTo("unknown");
  }

  @Test
  void aRecordingOfTheSameNamespaceAnswersAnyPacketsDecision() {
    RouteDecisionProbe probe = new RouteDecisionProbe(null);
    ProbeRequest wanted = ProbeRequest.of("route-decision", 40, "test", "why", "netns", "r", "to", B, "from", A, "iif", "r1");
    assertThat(probe.answerFrom(java.util.Map.of("netns", "r", "to", "198.18.9.9"), "RAW", wanted)).contains("RAW");
    assertThat(probe.answerFrom(java.util.Map.of("netns", "other", "to", B), "RAW", wanted)).isEmpty();
  }

  /** Recorded here: ip -6 rule show and ip -6 -o route show table all of a router with typed routes for 2001:db8:96-98::/64. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "2001:db8:99::1, missing, none",
      "2001:db8:98::1, blackhole, route",
      "2001:db8:97::1, unreachable, route",
      "2001:db8:96::1, prohibit, route",
      "2001:db8:60::9, unicast, route",
      "2001:db8:61::2, local, route",
  })
  void ipv6RulesAndTablesAreWalkedForAnIpv6Destination(String dst, String type, String via) throws Exception {
    String rules = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/recorded/ip6-rule-show.txt"));
    String routes = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/recorded/ip6-route-show-table-all.txt"));
    RouteDecision d = RouteDecisionParser.decide("r", "2001:db8:60::1", dst, "v6b", rules, routes);
    assertThat(d.type()).isEqualTo(type);
    assertThat(d.via()).isEqualTo(via);
    if (type.equals("blackhole")) {
      assertThat(d.entry()).startsWith("blackhole 2001:db8:98::/64");
      assertThat(d.table()).isEqualTo("main");
    }
  }

  @Test
  void anIpv4WalkIgnoresIpv6RoutesAndTheOtherWayRound() {
    String mixed = "198.18.2.0/24 dev r2 proto kernel scope link src 198.18.2.254 \nblackhole 2001:db8:98::/64 dev lo metric 1024 pref medium\n";
    assertThat(RouteDecisionParser.decide("r", A, B, "r1", DEFAULT_RULES, mixed).type()).isEqualTo("unicast");
    assertThat(RouteDecisionParser.decide("r", "2001:db8:60::1", "2001:db8:99::1", "v6b", DEFAULT_RULES, mixed).type()).isEqualTo("missing");
    assertThat(RouteDecisionParser.decide("r", "2001:db8:60::1", "2001:db8:98::1", "v6b", DEFAULT_RULES, mixed).type()).isEqualTo("blackhole");
  }
}
