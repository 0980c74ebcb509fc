package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.Target;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class CommonRulesTest {

  @Test
  void aTargetAsksForTheDropWatchFirst() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(new Target("198.18.2.1", null, 1, null, null, "ns")).fire();
      assertThat(h.requests()).singleElement().satisfies(r -> {
        assertThat(r.probe()).isEqualTo("drop-watch");
        assertThat(r.askedBy()).isEqualTo("common: watch kfree_skb for the target's packets");
      });
    }
  }

  @Test
  void onceTheWatchHasRunItIsNotAskedAgain() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(new Target("198.18.2.1", null, 1, null, null, "ns"),
          new DropWatchSummary("tracefs", 3, true, 0, 0, 0)).fire();
      assertThat(h.requests("drop-watch")).isEmpty();
    }
  }

  @Test
  void noTargetNoWatch() {
    try (RuleHarness h = new RuleHarness()) {
      h.fire();
      assertThat(h.requests()).isEmpty();
    }
  }
}
