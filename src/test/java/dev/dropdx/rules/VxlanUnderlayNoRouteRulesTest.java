package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.outputRoute;
import static dev.dropdx.support.Facts.outputRouteFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LocalAddress;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.fact.VxlanLink;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class VxlanUnderlayNoRouteRulesTest {
  private static final String REMOTE = "198.19.9.9";
  private static final String LOCAL = "198.18.40.1";
  private static final String ASK_LINK = "vxlan-underlay-no-route: ask what the dropping device is and where it tunnels to";
  private static final String ASK_ROUTE = "vxlan-underlay-no-route: ask for the underlay route to the remote VTEP";
  private static final String ASK_ADDRS = "vxlan-underlay-no-route: ask which interface owns the local VTEP address";
  private static final String PROVEN = "vxlan-underlay-no-route: the route to the remote VTEP fails";

  private static Drop vxDrop(String reason, TargetMatch match) {
    return drop("vxlan_xmit_one", reason, match, "vx0", "198.18.41.1", "198.18.41.2", 1);
  }

  private static VxlanLink vx0(String local, String underlay) {
    return new VxlanLink(NS, "vx0", "vxlan", 42, REMOTE, null, local, 4789, underlay);
  }

  private static LocalAddress addr(String iface, String address) {
    return new LocalAddress(NS, iface, address, 24);
  }

  @Test
  void theDropAsksFirstForTheDevicesTunnelSettingsOnly() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.TARGET)).fire();
      assertThat(h.requests("vxlan-link")).singleElement().satisfies(r -> {
        assertThat(r.param("iface")).isEqualTo("vx0");
        assertThat(r.param("netns")).isEqualTo(NS);
      });
      assertThat(h.requests("route")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theVxlanLinkLeadsToTheRouteToItsRemoteAndTheOwnerOfItsLocalAddress() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.TARGET), vx0(LOCAL, null)).fire();
      assertThat(h.fired()).contains(ASK_ROUTE, ASK_ADDRS);
      assertThat(h.requests("route")).singleElement().satisfies(r -> assertThat(r.param("to")).isEqualTo(REMOTE));
      assertThat(h.requests("local-addresses")).hasSize(1);
      assertThat(h.requests("vxlan-link")).isEmpty();
    }
  }

  @Test
  void theFailedRouteToTheRemoteIsDiagnosedWithTheUnderlayFromTheLocalAddress() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.TARGET), vx0(LOCAL, null), outputRouteFails(REMOTE, "Network is unreachable"),
          addr("lo", "127.0.0.1"), addr("vx-ul0", LOCAL), addr("vx0", "198.18.41.1")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("vxlan-underlay-no-route");
      assertThat(d.bindings()).containsEntry("remote", REMOTE).containsEntry("underlay", "vx-ul0").containsEntry("iface", "vx0")
          .containsEntry("vni", "42").containsEntry("routeError", "Network is unreachable");
      assertThat(d.evidence()).hasSize(3);
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void aBoundUnderlayDeviceNeedsNoAddressListAndIsNamed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.UNFILTERED), vx0(LOCAL, "eth1"), outputRouteFails(REMOTE, "Network is unreachable")).fire();
      assertThat(h.fired()).doesNotContain(ASK_ADDRS);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(d.bindings()).containsEntry("underlay", "eth1"));
    }
  }

  @Test
  void theDiagnosisWaitsForTheAddressListWhenItNamesTheUnderlay() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.TARGET), vx0(LOCAL, null), outputRouteFails(REMOTE, "Network is unreachable")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("local-addresses")).hasSize(1);
    }
  }

  @Test
  void nearMissTheRouteToTheRemoteExistsConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.TARGET), vx0(LOCAL, null), outputRoute(REMOTE, "vx-ul0"), addr("vx-ul0", LOCAL)).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnotherReasonAtVxlanXmitOneAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("NO_TX_TARGET", TargetMatch.TARGET), vx0(LOCAL, null), outputRouteFails(REMOTE, "Network is unreachable"),
          addr("vx-ul0", LOCAL)).fire();
      assertThat(h.fired()).doesNotContain(ASK_LINK, ASK_ROUTE, PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheDroppingDeviceIsNotVxlanConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.TARGET), new VxlanLink(NS, "vx0", "veth", -1, null, null, null, -1, null),
          outputRouteFails(REMOTE, "Network is unreachable"), addr("vx-ul0", LOCAL)).fire();
      assertThat(h.fired()).doesNotContain(ASK_ROUTE, PROVEN);
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesVxlanDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(vxDrop("IP_OUTNOROUTES", TargetMatch.OTHER), vx0(LOCAL, null), outputRouteFails(REMOTE, "Network is unreachable"),
          addr("vx-ul0", LOCAL)).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
