package dev.dropdx.rules;

import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.SoftnetCpu;
import dev.dropdx.fact.SysctlValue;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class BacklogFullRulesTest {
  private static final String SRC = "198.18.40.1";
  private static final String DST = "198.18.40.2";
  private static final String IF = "bl-rx0";
  private static final String PROVEN = "backlog-full: a CPU's backlog overflows its limit";

  private static Drop backlogDrop(TargetMatch match) {
    return drop("enqueue_to_backlog", "CPU_BACKLOG", match, IF, SRC, DST, 17);
  }

  private static SoftnetCpu cpu(int n, long droppedIncrease) {
    return new SoftnetCpu(n, 1_000_000, 5000 + droppedIncrease, 42, droppedIncrease, 1);
  }

  private static SysctlValue maxBacklog(String v) {
    return new SysctlValue("", "net.core.netdev_max_backlog", v);
  }

  @Test
  void aTargetDropAsksForSoftnetStatFirstAndThenTheGlobalLimitInTheRootNamespace() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(backlogDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("softnet")).singleElement().satisfies(r -> {
        assertThat(r.priority()).isEqualTo(50);
        assertThat(r.param("seconds")).isEqualTo("0.5");
      });
      assertThat(h.requests("sysctl")).singleElement().satisfies(r -> {
        assertThat(r.param("netns")).isEmpty();
        assertThat(r.param("keys")).isEqualTo("net.core.netdev_max_backlog");
        assertThat(r.priority()).isEqualTo(40);
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theCpuThatDropsMostIsNamedOnceWithADoubledLimit() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(backlogDrop(TargetMatch.TARGET), cpu(0, 0), cpu(1, 812), cpu(2, 30), maxBacklog("1000")).fire();
      assertThat(h.fired()).contains(PROVEN);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("backlog-full");
        assertThat(d.bindings()).containsEntry("cpu", "1").containsEntry("backlog", "1000").containsEntry("suggested", "2000")
            .containsEntry("iface", IF);
        assertThat(d.evidence()).hasSize(3);
      });
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void aTieNamesTheLowestCpuOnly() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(backlogDrop(TargetMatch.UNFILTERED), cpu(3, 7), cpu(2, 7), maxBacklog("300")).fire();
      assertThat(h.diagnoses()).extracting(Diagnosis::bindings).singleElement().satisfies(b -> assertThat(b).containsEntry("cpu", "2"));
    }
  }

  @Test
  void nearMissNoCpuDropsWhileWatchedConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(backlogDrop(TargetMatch.TARGET), cpu(0, 0), cpu(1, 0), maxBacklog("1000")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesBacklogDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(backlogDrop(TargetMatch.OTHER), cpu(1, 812), maxBacklog("1000")).fire();
      assertThat(h.requests("softnet")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnotherQueueFullReasonAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("__udp_enqueue_schedule_skb", "SOCKET_RCVBUFF", TargetMatch.TARGET, IF, SRC, DST, 17)).fire();
      assertThat(h.requests("softnet")).isEmpty();
      assertThat(h.fired()).doesNotContain(PROVEN);
    }
  }
}
