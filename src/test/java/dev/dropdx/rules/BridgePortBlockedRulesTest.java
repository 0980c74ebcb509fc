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

class BridgePortBlockedRulesTest {
  private static final String PORT = "bpb-pa";
  private static final String PROVEN = "bridge-port-blocked: the port the packets arrived on is disabled, listening or learning";

  private static Drop stp(TargetMatch match) {
    return drop("br_handle_frame", "BRIDGE_INGRESS_STP_STATE", match, PORT, "198.18.137.1", "198.18.137.2", 1);
  }

  private static LinkInfo port(String master, String state) {
    return new LinkInfo(NS, PORT, true, "veth", 1500, "UP", "ba:b1:3b:f4:28:82", master, null, null, 0, 0, 0, state);
  }

  @Test
  void anStpStateDropAsksForThePortsLink() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(stp(TargetMatch.TARGET)).fire();
      assertThat(h.requests("link")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo(PORT));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aDisabledPortIsDiagnosedWithTheCommandToForwardAgain() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(stp(TargetMatch.TARGET), port("bpb-br0", "disabled")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("bridge-port-blocked");
      assertThat(d.bindings()).containsEntry("bridge", "bpb-br0").containsEntry("state", "disabled");
      assertThat(RuleHarness.words(d)).contains("bridge link set dev bpb-pa state 3").contains("bridge link show dev bpb-pa");
    }
  }

  @Test
  void aLearningPortIsDiagnosedToo() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("br_handle_frame_finish", "BRIDGE_INGRESS_STP_STATE", TargetMatch.TARGET, PORT, "198.18.137.1", "198.18.137.2", 1),
          port("bpb-br0", "learning")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d)).contains("learning: the bridge learns"));
    }
  }

  @Test
  void nearMissAPortStpBlocksInALoopIsByDesign() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(stp(TargetMatch.TARGET), port("bpb-br0", "blocking")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissThePortForwards() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(stp(TargetMatch.TARGET), port("bpb-br0", "forwarding")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesFloodedFrames() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(stp(TargetMatch.OTHER), port("bpb-br0", "disabled")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("link")).isEmpty();
    }
  }
}
