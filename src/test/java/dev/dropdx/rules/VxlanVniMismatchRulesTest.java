package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.fact.VxlanLink;
import dev.dropdx.support.RuleHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vxlan-vni-mismatch: VXLAN_VNI_NOT_FOUND / VXLAN_INVALID_HDR at vxlan_rcv plus the receiver's vxlan devices. */
class VxlanVniMismatchRulesTest {
  private static final String SRC = "198.18.131.1";
  private static final String DST = "198.18.131.2";
  private static final String IF = "vni-rx0";
  private static final String ASK = "vxlan-vni-mismatch: ask which vxlan devices the receiving namespace has";
  private static final String PROVEN = "vxlan-vni-mismatch: no vxlan device here has the packets' VNI";
  private static final Target TARGET = new Target(SRC, null, 17, 4789, null, NS);

  private static Drop vniDrop(String reason, TargetMatch match) {
    return drop("vxlan_rcv", reason, match, IF, SRC, DST, 17);
  }

  private static VxlanLink vxlan(String iface, int vni, int port) {
    return new VxlanLink(NS, iface, "vxlan", vni, SRC, null, DST, port, IF);
  }

  private static VxlanLink veth(String iface) {
    return new VxlanLink(NS, iface, "veth", -1, null, null, null, -1, null);
  }

  @Test
  void aVniNotFoundDropAsksForTheNamespacesVxlanDevices() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, vniDrop("VXLAN_VNI_NOT_FOUND", TargetMatch.TARGET)).fire();
      assertThat(h.fired()).contains(ASK);
      assertThat(h.requests("vxlan-link")).singleElement().satisfies(r -> {
        assertThat(r.param("netns")).isEqualTo(NS);
        assertThat(r.param("iface")).isNull();
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theReceiversVxlanDevicesProveTheMismatchAndNameTheVniOnThePort() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, vniDrop("VXLAN_VNI_NOT_FOUND", TargetMatch.TARGET), veth(IF), vxlan("vx-other", 300, 8472), vxlan("vni-vx0", 200, 4789))
          .fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("vxlan-vni-mismatch");
      assertThat(d.bindings()).containsEntry("iface", IF).containsEntry("src", SRC).containsEntry("reason", "VXLAN_VNI_NOT_FOUND")
          .containsEntry("firstIface", "vni-vx0").containsEntry("firstVni", "200").containsEntry("firstPort", "4789");
      // only the device on the target's port is named
      assertThat(d.items().get("vxlanLinks")).singleElement()
          .isEqualTo(Map.of("vxIface", "vni-vx0", "vxVni", "200", "vxPort", "4789"));
      assertThat(h.requests("vxlan-link")).isEmpty();
      assertThat(RuleHarness.words(d)).contains("vni-vx0 with VNI 200 on UDP port 4789", "type vxlan id 200", "no vxlan device here has their VNI")
          .doesNotContain("vx-other");
    }
  }

  @Test
  void anInvalidHeaderIsProvenTheSameWayWithItsOwnReason() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(new Target(SRC, null, 17, null, null, NS), vniDrop("VXLAN_INVALID_HDR", TargetMatch.UNFILTERED), vxlan("vni-vx0", 200, 4789))
          .fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("vxlan-vni-mismatch");
        assertThat(d.bindings()).containsEntry("reason", "VXLAN_INVALID_HDR");
      });
    }
  }

  @Test
  void nearMissSomeoneElsesVxlanDropAsksNothingAndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, vniDrop("VXLAN_VNI_NOT_FOUND", TargetMatch.OTHER), vxlan("vni-vx0", 200, 4789)).fire();
      assertThat(h.requests("vxlan-link")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissNoVxlanDeviceInTheNamespaceProvesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, vniDrop("VXLAN_VNI_NOT_FOUND", TargetMatch.TARGET), veth(IF), veth("lo")).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnotherReasonAtVxlanRcvIsNotAVniMismatch() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, drop("vxlan_rcv", "NOT_SPECIFIED", TargetMatch.TARGET, IF, SRC, DST, 17), vxlan("vni-vx0", 200, 4789)).fire();
      assertThat(h.fired()).doesNotContain(ASK, PROVEN);
      assertThat(h.diagnoses()).extracting(Diagnosis::cause).doesNotContain("vxlan-vni-mismatch");
    }
  }
}
