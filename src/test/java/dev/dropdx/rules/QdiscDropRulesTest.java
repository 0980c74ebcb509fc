package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.fact.TcQdisc;
import dev.dropdx.fact.TcScan;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class QdiscDropRulesTest {
  private static final String IF = "qd-tx0";
  private static final String PROVEN = "qdisc-drop: a queueing qdisc of the egress device counted drops";
  private static final TcScan SCAN = new TcScan(NS, IF, 1, 0, "");

  private static Drop qDrop(TargetMatch match) {
    return drop("__dev_queue_xmit", "QDISC_DROP", match, IF, "198.18.132.1", "198.18.132.2", 17);
  }

  private static TcQdisc tbf(long dropped) {
    return new TcQdisc(NS, IF, "tbf", "8007:", "root", "rate 1Mbit burst 2Kb lat 8.19ms", 9, dropped, 203);
  }

  @Test
  void aQdiscDropAsksForTheEgressDevicesTc() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(qDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("tc")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo(IF));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aTbfThatCountedDropsIsDiagnosedWithItsPlacementAndHandle() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(qDrop(TargetMatch.TARGET), SCAN, tbf(196)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("qdisc-drop");
      assertThat(d.bindings()).containsEntry("qdiscKind", "tbf").containsEntry("dropped", "196").containsEntry("placement", "root");
      assertThat(RuleHarness.words(d)).contains("tc qdisc change dev qd-tx0 root handle 8007: tbf rate <higher rate>")
          .contains("tc qdisc del dev qd-tx0 root").contains("rate 1Mbit burst 2Kb");
    }
  }

  @Test
  void underHtbTheLeafIsNamedNotTheParentThatCountsTheSameDrops() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(qDrop(TargetMatch.TARGET), SCAN, new TcQdisc(NS, IF, "htb", "1:", "root", "r2q 10 default 0x1", 7, 193, 6),
          new TcQdisc(NS, IF, "pfifo", "8008:", "1:1", "limit 5p", 7, 193, 0)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("qdiscKind", "pfifo").containsEntry("placement", "parent 1:1");
        assertThat(RuleHarness.words(d)).contains("tc qdisc change dev qd-tx0 parent 1:1 handle 8008: pfifo limit <more packets>");
      });
    }
  }

  @Test
  void nearMissTheQdiscIsThereButDroppedNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(qDrop(TargetMatch.TARGET), SCAN, tbf(0)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissOnlyTheClsactQdiscCountedDropsThatIsAFilterNotAQueue() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(qDrop(TargetMatch.TARGET), SCAN, new TcQdisc(NS, IF, "clsact", "ffff:", "ffff:fff1", "", 9, 4, 0), tbf(0)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesQdiscDrop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(qDrop(TargetMatch.OTHER), SCAN, tbf(196)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("tc")).isEmpty();
    }
  }
}
