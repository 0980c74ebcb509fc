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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules pick the drop-watching backend from the host's capability facts. */
class BackendChoiceRulesTest {
  private static final Target TARGET = new Target("10.10.2.4", "224.0.0.5", 89, null, "ens5", "");

  private static HostFacts oldKernel(String... tools) {
    return new HostFacts("4.19.0-27-amd64", true, "/sys/kernel/tracing", Map.of(), List.of(tools), List.of());
  }

  private static List<ProbeRequest> asked(HostFacts host) {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, host).fire();
      return h.requests().stream().sorted(Comparator.comparingInt(ProbeRequest::priority).reversed()).toList();
    }
  }

  @Test
  void thisMachineAsksTheTracefsDropWatchNeverStap() {
    HostFacts here = new HostFactsDetector(new CommandRunner(new ChildProcesses()), "/sys/kernel/tracing").detect();
    List<ProbeRequest> asked = asked(here);
    assertThat(asked).extracting(ProbeRequest::probe).containsExactly("drop-watch");
    // Also with stap and dropwatch installed: drop reasons win.
    HostFacts withTools = new HostFacts(here.kernel(), true, "/sys/kernel/tracing", Map.of(2, "NOT_SPECIFIED"),
        List.of("ip", "bpftrace", "stap", "dropwatch"), List.of());
    assertThat(asked(withTools)).extracting(ProbeRequest::probe).containsExactly("drop-watch");
  }

  @Test
  void anOldKernelWithStapAsksStapFirstAndDropwatchOnlyAsTheFallback() {
    assertThat(asked(oldKernel("stap", "ip"))).extracting(ProbeRequest::probe).containsExactly("stap-drop-watch");
    List<ProbeRequest> both = asked(oldKernel("stap", "dropwatch", "ip"));
    assertThat(both).extracting(ProbeRequest::probe).containsExactly("stap-drop-watch", "dropwatch");
    assertThat(both.get(0).priority()).isGreaterThan(both.get(1).priority());
  }

  @Test
  void anOldKernelWithoutStapAsksDropwatch() {
    assertThat(asked(oldKernel("dropwatch", "ip"))).extracting(ProbeRequest::probe).containsExactly("dropwatch");
  }

  @Test
  void anOldKernelWithNeitherAsksForCountersAndSaysWhatToInstall() {
    assertThat(asked(oldKernel("ip"))).singleElement().satisfies(r -> {
      assertThat(r.probe()).isEqualTo("counters");
      assertThat(r.why()).contains("apt-get install systemtap").contains("dropwatch");
      assertThat(r.params()).containsEntry("names", "IpInReceives IpInHdrErrors IpInAddrErrors IpInUnknownProtos IpInDiscards IpOutNoRoutes IpExtInNoRoutes UdpNoPorts UdpInErrors UdpRcvbufErrors");
    });
  }

  @Test
  void withOnlyCountersTheWatchOutcomeSaysWhatToInstall() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, oldKernel("ip"), new dev.dropdx.fact.Counter("", "IpInDiscards", 3, 0, 1.0)).fire();
      assertThat(h.facts(DropWatchSummary.class)).singleElement().satisfies(s -> {
        assertThat(s.backend()).startsWith("counters only").contains("systemtap").contains("dropwatch");
        assertThat(s.perPacket()).isFalse();
      });
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void unreadableTracefsStillAsksTheDropWatchSoItCanSayWhatIsMissing() {
    HostFacts notRoot = new HostFacts("6.18.0", false, null, Map.of(), List.of("stap"), List.of());
    assertThat(asked(notRoot)).extracting(ProbeRequest::probe).containsExactly("drop-watch");
  }

  @Test
  void onceDropsWereWatchedNoBackendIsAskedAgain() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, oldKernel("stap", "dropwatch"), new DropWatchSummary("stap", 10, true, 3, 0, 0)).fire();
      assertThat(h.requests()).isEmpty();
    }
  }
}
