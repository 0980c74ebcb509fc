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
      assertThat(h.requests("counters")).singleElement().satisfies(r -> assertThat(r.param("names")).isEqualTo("IpExtInNoRoutes"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void forwardingOnAndNoInputRouteIsDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"),
          inputRouteFails(DST, SRC, IF, "Network is unreachable"), noRoutes(5)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("no-route-input");
      assertThat(d.bindings()).containsEntry("dst", DST).containsEntry("iface", IF).containsEntry("inputError", "Network is unreachable")
          .containsEntry("forwardingKey", "net.ipv4.conf.rin-rx0.forwarding");
      assertThat(d.evidence()).hasSize(4);
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void nearMissTheRouteExistsConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"), inputRoute(DST, SRC, IF), noRoutes(5)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissForwardingOffConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "0"),
          inputRouteFails(DST, SRC, IF, "No route to host"), noRoutes(5)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheCounterDoesNotGrowConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noRoute(TargetMatch.TARGET), sysctl("net.ipv4.conf.rin-rx0.forwarding", "1"),
          inputRouteFails(DST, SRC, IF, "Network is unreachable"), noRoutes(0)).fire();
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
}
