package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.inputRoute;
import static dev.dropdx.support.Facts.inputRouteFails;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** route-localnet: IP_LOCALNET, proven by a loopback destination and route_localnet off on conf.all and the interface. */
class RouteLocalnetRulesTest {
  private static final String SRC = "198.18.52.1";
  private static final String LO = "127.0.0.1";
  private static final String IF = "rln-b0";
  private static final String PROVEN = "route-localnet: a loopback destination arrives on an interface without route_localnet";

  private static Drop localnet(String dst, TargetMatch match) {
    return drop("ip_rcv_finish_core", "IP_LOCALNET", match, IF, SRC, dst, 6);
  }

  @Test
  void aTargetDropAsksForRouteLocalnetAndTheInputRoute() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localnet(LO, TargetMatch.TARGET)).fire();
      assertThat(h.requests("sysctl")).singleElement()
          .satisfies(r -> assertThat(r.param("keys")).isEqualTo("net.ipv4.conf.all.route_localnet net.ipv4.conf.rln-b0.route_localnet"));
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(LO);
        assertThat(r.param("iif")).isEqualTo(IF);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aLoopbackDestinationWithRouteLocalnetOffIsDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localnet(LO, TargetMatch.TARGET), sysctl("net.ipv4.conf.all.route_localnet", "0"), sysctl("net.ipv4.conf.rln-b0.route_localnet", "0"),
          inputRouteFails(LO, SRC, IF, "Invalid argument")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("route-localnet");
      assertThat(RuleHarness.words(d)).contains("sysctl -w net.ipv4.conf.rln-b0.route_localnet=1").contains("DNAT").contains("Invalid argument");
    }
  }

  @Test
  void nearMissRouteLocalnetOnConcludesNothing() {
    for (String[] values : new String[][] {{"1", "0"}, {"0", "1"}}) {
      try (RuleHarness h = new RuleHarness()) {
        h.insert(localnet(LO, TargetMatch.TARGET), sysctl("net.ipv4.conf.all.route_localnet", values[0]),
            sysctl("net.ipv4.conf.rln-b0.route_localnet", values[1]), inputRouteFails(LO, SRC, IF, "Invalid argument")).fire();
        assertThat(h.diagnoses()).isEmpty();
      }
    }
  }

  @Test
  void nearMissTheKernelRoutesItOrTheDestinationIsNotLoopbackConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localnet(LO, TargetMatch.TARGET), sysctl("net.ipv4.conf.all.route_localnet", "0"), sysctl("net.ipv4.conf.rln-b0.route_localnet", "0"),
          inputRoute(LO, SRC, IF)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localnet("198.18.53.1", TargetMatch.TARGET), sysctl("net.ipv4.conf.all.route_localnet", "0"),
          sysctl("net.ipv4.conf.rln-b0.route_localnet", "0"), inputRouteFails("198.18.53.1", SRC, IF, "Invalid argument")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localnet(LO, TargetMatch.OTHER)).fire();
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("route-localnet"));
    }
  }
}
