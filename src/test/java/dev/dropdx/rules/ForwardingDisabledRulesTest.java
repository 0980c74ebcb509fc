package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.inputRoute;
import static dev.dropdx.support.Facts.inputRouteFails;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LocalAddress;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** forwarding-disabled: IP_INADDRERRORS at ip_error, proven by the arrival interface's forwarding flag. */
class ForwardingDisabledRulesTest {
  private static final String A = "198.18.40.1";
  private static final String B = "198.18.41.1";
  private static final String R1 = "fwd-r1";
  private static final String R2 = "fwd-r2";
  private static final String PROVEN = "forwarding-disabled: the receiving interface does not forward and the destination is another host";
  private static final Target FORWARD_FLOW = new Target(A, B, 1, null, null, NS);

  private static Drop addrError(String iface, String src, String dst, TargetMatch match) {
    return drop("ip_error", "IP_INADDRERRORS", match, iface, src, dst, 1);
  }

  private static LocalAddress local(String iface, String address) {
    return new LocalAddress(NS, iface, address, 24);
  }

  private static Object[] routerFacts(String offIface, String globalForward) {
    return new Object[] {
      sysctl("net.ipv4.ip_forward", globalForward), sysctl("net.ipv4.conf." + offIface + ".forwarding", "0"),
      local(R1, "198.18.40.254"), local(R2, "198.18.41.254")
    };
  }

  @Test
  void aTargetDropAsksForTheForwardingFlagAndTheInputRouteOnly() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FORWARD_FLOW, addrError(R1, A, B, TargetMatch.TARGET)).fire();
      assertThat(h.requests("sysctl")).singleElement().satisfies(r -> {
        assertThat(r.param("keys")).isEqualTo("net.ipv4.ip_forward net.ipv4.conf.fwd-r1.forwarding");
        assertThat(r.priority()).isEqualTo(50);
      });
      // The kernel's input route answer says whether the destination is local: no address listing is asked.
      assertThat(h.requests("local-addresses")).isEmpty();
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(B);
        assertThat(r.param("from")).isEqualTo(A);
        assertThat(r.param("iif")).isEqualTo(R1);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void forwardingOffOnTheArrivalInterfaceIsDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FORWARD_FLOW, addrError(R1, A, B, TargetMatch.TARGET), inputRouteFails(B, A, R1, "No route to host"))
          .insert(routerFacts(R1, "1")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("forwarding-disabled");
      assertThat(d.bindings()).containsEntry("iface", R1).containsEntry("scope", "iface")
          .containsEntry("forwardingKey", "net.ipv4.conf.fwd-r1.forwarding").containsEntry("inputError", "No route to host");
      assertThat(RuleHarness.words(d)).contains("sysctl -w net.ipv4.conf.fwd-r1.forwarding=1")
          .contains("ip -n " + NS + " route get " + B + " from " + A + " iif " + R1);
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("forwarding-disabled"));
    }
  }

  @Test
  void globalIpForwardOffNamesTheGlobalSwitch() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FORWARD_FLOW, addrError(R1, A, B, TargetMatch.UNFILTERED), inputRouteFails(B, A, R1, "No route to host"))
          .insert(routerFacts(R1, "0")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("scope", "global");
        assertThat(RuleHarness.words(d)).contains("sysctl -w net.ipv4.ip_forward=1");
      });
    }
  }

  @Test
  void nearMissTheIcmpErrorsComingBackOnTheEgressInterfaceConcludeNothing() {
    // Forwarding off on r2 only: the user's a->b flow passes; b's answers die on r2 (measured).
    try (RuleHarness h = new RuleHarness()) {
      h.insert(new Target(A, B, null, null, null, NS), addrError(R2, B, A, TargetMatch.TARGET),
          inputRouteFails(A, B, R2, "No route to host")).insert(routerFacts(R2, "1")).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheArrivalInterfaceForwardsConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FORWARD_FLOW, addrError(R1, A, B, TargetMatch.TARGET), inputRouteFails(B, A, R1, "No route to host"),
          sysctl("net.ipv4.ip_forward", "1"), sysctl("net.ipv4.conf.fwd-r1.forwarding", "1"), local(R1, "198.18.40.254")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheDestinationIsLocalConcludesNothing() {
    // For one of its own addresses the kernel's input lookup answers a local route, forwarding or not.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FORWARD_FLOW, addrError(R1, A, B, TargetMatch.TARGET), inputRoute(B, A, R1))
          .insert(routerFacts(R1, "1")).insert(local(R2, B)).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnotherLookupErrorThanNoRouteToHostConcludesNothing() {
    // EHOSTUNREACH is the error route of a non-forwarding arrival device; a local source (EINVAL) or a
    // missing route (ENETUNREACH) is another story.
    for (String error : new String[] {"Invalid argument", "Network is unreachable", "Invalid cross-device link"}) {
      try (RuleHarness h = new RuleHarness()) {
        h.insert(FORWARD_FLOW, addrError(R1, A, B, TargetMatch.TARGET), inputRouteFails(B, A, R1, error))
            .insert(routerFacts(R1, "1")).fire();
        assertThat(h.diagnoses()).as(error).isEmpty();
      }
    }
  }

  @Test
  void nearMissTheKernelRoutesThePacketConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FORWARD_FLOW, addrError(R1, A, B, TargetMatch.TARGET), inputRoute(B, A, R1)).insert(routerFacts(R1, "1")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissOtherReasonsPlacesAndSomeoneElsesDropsAskNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FORWARD_FLOW, drop("ip_error", "IP_INNOROUTES", TargetMatch.TARGET, R1, A, B, 1),
          drop("ip_rcv_finish_core", "IP_INADDRERRORS", TargetMatch.TARGET, R1, A, B, 1),
          addrError(R1, A, B, TargetMatch.OTHER)).fire();
      assertThat(h.requests("local-addresses")).isEmpty();
      assertThat(h.requests("sysctl")).noneMatch(r -> r.askedBy().startsWith("forwarding-disabled"));
      assertThat(h.requests("route")).noneMatch(r -> r.askedBy().startsWith("forwarding-disabled"));
    }
  }
}
