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

class WrongDestinationMacRulesTest {
  private static final String IF = "wdm-rx0";
  private static final String MAC = "92:05:6d:0e:be:2c";
  private static final String PROVEN = "wrong-destination-mac: the device counts frames for another MAC";

  private static Drop otherhost(TargetMatch match) {
    return drop("ip_rcv_core", "OTHERHOST", match, IF, "198.18.136.1", "198.18.136.2", 1);
  }

  private static LinkInfo link(long otherhost) {
    return new LinkInfo(NS, IF, true, "veth", 1500, "UP", MAC, null, null, null, 0, 0, otherhost, null);
  }

  @Test
  void anOtherhostDropAsksForTheDevicesLink() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(otherhost(TargetMatch.TARGET)).fire();
      assertThat(h.requests("link")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo(IF));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theOtherhostCounterProvesItAndTheFixNamesTheRightMac() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(otherhost(TargetMatch.TARGET), link(4)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("wrong-destination-mac");
      assertThat(d.bindings()).containsEntry("mac", MAC).containsEntry("otherhost", "4");
      assertThat(RuleHarness.words(d)).contains("lladdr " + MAC).contains("-s -s link show dev wdm-rx0");
    }
  }

  @Test
  void nearMissTheOtherhostCounterIsZeroOrUnknown() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(otherhost(TargetMatch.TARGET), link(0)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(otherhost(TargetMatch.TARGET), link(-1)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissFloodedFramesOfOtherHostsAreNotTheTargets() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(otherhost(TargetMatch.OTHER), link(40)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("link")).isEmpty();
    }
  }

  @Test
  void nearMissAnotherReasonOnTheSameDevice() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_rcv_core", "IP_CSUM", TargetMatch.TARGET, IF, "198.18.136.1", "198.18.136.2", 1), link(4)).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
    }
  }
}
