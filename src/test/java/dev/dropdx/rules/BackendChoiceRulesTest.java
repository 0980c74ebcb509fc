package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.host.HostFactsDetector;
import dev.dropdx.support.RuleHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules never choose a drop-watching backend: whatever the host can do, they ask for the drop
 * watch once, and the drop-watch probe picks the backend (DropWatchProbeTest).
 */
class BackendChoiceRulesTest {
  private static final Target TARGET = new Target("10.10.2.4", "224.0.0.5", 89, null, "ens5", "");

  private static HostFacts oldKernel(String... tools) {
    return new HostFacts("4.19.0-27-amd64", true, "/sys/kernel/tracing", Map.of(), List.of(tools), List.of());
  }

  private static List<ProbeRequest> asked(HostFacts host) {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, host).fire();
      return h.requests();
    }
  }

  @Test
  void everyHostIsAskedForTheDropWatchAlone() {
    HostFacts here = new HostFactsDetector(new CommandRunner(new ChildProcesses()), "/sys/kernel/tracing").detect();
    HostFacts withTools = new HostFacts(here.kernel(), true, "/sys/kernel/tracing", Map.of(2, "NOT_SPECIFIED"),
        List.of("ip", "bpftrace", "stap", "dropwatch"), List.of());
    HostFacts notRoot = new HostFacts("6.18.0", false, null, Map.of(), List.of("stap"), List.of());
    for (HostFacts host : List.of(here, withTools, oldKernel("stap", "ip"), oldKernel("stap", "dropwatch", "ip"), oldKernel("dropwatch", "ip"),
        oldKernel("ip"), notRoot)) {
      assertThat(asked(host)).as(host.kernel() + " " + host.tools()).singleElement().satisfies(r -> {
        assertThat(r.probe()).isEqualTo("drop-watch");
        assertThat(r.params()).isEmpty();
        assertThat(r.askedBy()).isEqualTo("common: watch kfree_skb for the target's packets");
      });
    }
  }

  @Test
  void onceDropsWereWatchedNoBackendIsAskedAgain() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, oldKernel("stap", "dropwatch"), new DropWatchSummary("stap", 10, true, 3, 0, 0)).fire();
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void aCountersOnlyWatchIsNotAskedAgainEither() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, oldKernel("ip"), DropWatchSummary.countersOnly()).fire();
      assertThat(h.requests("drop-watch")).isEmpty();
    }
  }
}
