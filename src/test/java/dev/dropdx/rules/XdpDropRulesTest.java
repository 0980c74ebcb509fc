package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LinkInfo;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class XdpDropRulesTest {
  private static final String IF = "xdp-rx0";
  private static final String PROVEN = "xdp-drop: the device the packets died on runs an XDP program";

  private static Drop xdp(String function, String reason, TargetMatch match) {
    return drop(function, reason, match, IF, "198.18.135.1", "198.18.135.2", 1);
  }

  private static LinkInfo link(String mode, String program) {
    return new LinkInfo(NS, IF, true, "veth", 1500, "UP", "8e:2e:3a:b6:af:d9", null, mode, program, 0, 0, 0, null);
  }

  @Test
  void aDropAtTheXdpEntryAsksForTheDevicesLink() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xdp("do_xdp_generic", "NOT_SPECIFIED", TargetMatch.TARGET)).fire();
      assertThat(h.requests("link")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo(IF));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aGenericXdpProgramOnTheDropDeviceIsDiagnosedWithTheDetachCommand() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xdp("do_xdp_generic", "NOT_SPECIFIED", TargetMatch.TARGET), link("xdpgeneric", "id 903 name dropdx_xdp")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("xdp-drop");
      assertThat(d.bindings()).containsEntry("programId", "903").containsEntry("mode", "xdpgeneric");
      assertThat(RuleHarness.words(d)).contains("link set dev xdp-rx0 xdpgeneric off").contains("bpftool prog show id 903")
          .contains("generic mode");
    }
  }

  @Test
  void aNativeVethXdpDropNamesTheDriverMode() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xdp("veth_xdp_rcv_skb", "NOT_SPECIFIED", TargetMatch.TARGET), link("xdp", "id 908 name dropdx_xdp")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d)).contains("xdpdrv off"));
    }
  }

  @Test
  void nearMissNoProgramIsAttachedToTheDropDevice() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xdp("do_xdp_generic", "NOT_SPECIFIED", TargetMatch.TARGET), link(null, null)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAProgramIsAttachedButThePacketsDiedElsewhere() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xdp("ip_rcv_core", "NOT_SPECIFIED", TargetMatch.TARGET), link("xdpgeneric", "id 913 name dropdx_xdp")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("link")).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesPacketsAtTheXdpEntry() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xdp("do_xdp_generic", "NOT_SPECIFIED", TargetMatch.OTHER), link("xdpgeneric", "id 903 name dropdx_xdp")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
