package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.fact.TcFilter;
import dev.dropdx.fact.TcQdisc;
import dev.dropdx.fact.TcScan;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class TcFilterDropRulesTest {
  private static final String SRC = "198.18.131.1";
  private static final String DST = "198.18.131.2";
  private static final String IF = "tcf-rx0";
  private static final String PROVEN = "tc-filter-drop: a filter on the drop's hook can drop and its qdisc counted drops";
  private static final String BPF_TEXT =
      "filter protocol all pref 49152 bpf chain 0 handle 0x1 direct-action not_in_hw bytecode '1,6 0 0 2'";

  private static Drop tcDrop(String reason, TargetMatch match) {
    return drop(reason.equals("TC_INGRESS") ? "__netif_receive_skb_core" : "__dev_queue_xmit", reason, match, IF, SRC, DST, 1);
  }

  private static TcQdisc clsact(long dropped) {
    return new TcQdisc(NS, IF, "clsact", "ffff:", "ffff:fff1", "", 9, dropped, 0);
  }

  private static TcFilter bpf(String direction, int pref, boolean da) {
    return new TcFilter(NS, IF, direction, "bpf", "all", pref, da, da, BPF_TEXT);
  }

  private static final TcScan SCAN = new TcScan(NS, IF, 2, 1, "");

  @Test
  void aTcIngressDropAsksForTheDevicesTcOnce() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_INGRESS", TargetMatch.TARGET)).fire();
      assertThat(h.requests("tc")).singleElement().satisfies(r -> {
        assertThat(r.param("iface")).isEqualTo(IF);
        assertThat(r.param("netns")).isEqualTo(NS);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void anIngressBpfFilterWithClsactDropsIsDiagnosedWithTheDeleteCommand() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_INGRESS", TargetMatch.TARGET), SCAN, clsact(4), bpf("ingress", 49152, true)).fire();
      assertThat(h.fired()).contains(PROVEN);
      assertThat(h.requests("tc")).isEmpty();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("tc-filter-drop");
      assertThat(d.bindings()).containsEntry("direction", "ingress").containsEntry("pref", "49152").containsEntry("qdiscDropped", "4")
          .containsEntry("verdictBy", "program");
      assertThat(RuleHarness.words(d)).contains("tc filter del dev tcf-rx0 ingress pref 49152").contains("direct-action filter")
          .contains("tc -s qdisc show dev tcf-rx0");
    }
  }

  @Test
  void anEgressDropNamesTheEgressFilterAndTheFirstOneTcRuns() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_EGRESS", TargetMatch.TARGET), SCAN, clsact(7), bpf("ingress", 1, true), bpf("egress", 20, true),
          bpf("egress", 10, true)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("direction", "egress").containsEntry("pref", "10");
        assertThat(RuleHarness.words(d)).contains("tc filter del dev tcf-rx0 egress pref 10");
      });
    }
  }

  @Test
  void nearMissTheFilterIsThereButTheQdiscCountedNoDrop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_INGRESS", TargetMatch.TARGET), SCAN, clsact(0), bpf("ingress", 49152, true)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissOnlyTheOtherDirectionHasAFilter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_INGRESS", TargetMatch.TARGET), SCAN, clsact(4), bpf("egress", 1, true)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheFilterHasNoDropVerdict() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_INGRESS", TargetMatch.TARGET), SCAN, clsact(4),
          new TcFilter(NS, IF, "ingress", "u32", "ip", 1, false, false, "filter protocol ip pref 1 u32 | action order 1: gact action pass"))
          .fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesTcDropIsNotTheTargets() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_INGRESS", TargetMatch.OTHER), SCAN, clsact(4), bpf("ingress", 49152, true)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("tc")).isEmpty();
    }
  }

  @Test
  void nearMissTheTcOfAnotherDeviceDoesNotCount() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tcDrop("TC_INGRESS", TargetMatch.TARGET), new TcScan(NS, "other0", 2, 1, ""),
          new TcQdisc(NS, "other0", "clsact", "ffff:", "ffff:fff1", "", 9, 4, 0),
          new TcFilter(NS, "other0", "ingress", "bpf", "all", 1, true, true, BPF_TEXT)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("tc")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo(IF));
    }
  }
}
