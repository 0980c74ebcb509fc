package dev.dropdx.probe.drops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.NoDropWatch;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.DropWatchBackend;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.dropmonitor.NetlinkDropMonitorWatch;
import dev.dropdx.probe.procfs.CountersDropWatch;
import dev.dropdx.probe.procfs.CountersProbe;
import dev.dropdx.probe.stap.StapDropWatch;
import dev.dropdx.trust.UntrustedPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drop watch picks its backend: the first this host can run, in order; every reason when none can. */
class DropWatchProbeTest {
  private static final ProbeRequest WATCH = ProbeRequest.of("drop-watch", 100, "common: watch", "why");
  private static final HostFacts HOST = new HostFacts("4.19.0", true, "/sys/kernel/tracing", Map.of(), List.of("ip"), List.of());
  private static final ProbeContext CONTEXT = new ProbeContext(new Target("198.18.0.1", null, 1, null, null, ""), HOST, 1, line -> { });

  /** A backend that can or cannot run, and that watches or fails. */
  private record Fake(String name, String unavailable, boolean watchesKfreeSkb, String fails) implements DropWatchBackend {
    @Override
    public Availability availability(HostFacts host) {
      return unavailable == null ? Availability.yes() : Availability.no(unavailable);
    }

    @Override
    public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
      if (fails != null) {
        throw new IllegalStateException(fails);
      }
      return interpret(request, "raw of " + name, context);
    }

    @Override
    public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
      DropWatchSummary s = watchesKfreeSkb ? new DropWatchSummary(name, 1, false, 0, 0, 0) : DropWatchSummary.countersOnly();
      return new ProbeOutcome(name, "read " + raw, List.of(s), List.of(), raw);
    }
  }

  private static Fake runs(String name) {
    return new Fake(name, null, true, null);
  }

  private static Fake cannot(String name, String why) {
    return new Fake(name, why, true, null);
  }

  @Test
  void theFirstBackendThisHostCanRunWatches() {
    DropWatchProbe probe = new DropWatchProbe(List.of(cannot("tracefs+bpftrace", "bpftrace is not installed"), runs("tracefs"), runs("stap")));
    assertThat(probe.availability(HOST).available()).isTrue();
    assertThat(probe.run(WATCH, CONTEXT).backend()).isEqualTo("tracefs");
  }

  /** A backend whose scripts the trust checks refuse (the stap backend on an untrusted stap/ directory). */
  private record Refused(List<String> ran) implements DropWatchBackend {
    @Override
    public String name() {
      return "stap";
    }

    @Override
    public Availability availability(HostFacts host) {
      return Availability.yes();
    }

    @Override
    public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
      ran.add(name());
      throw new UntrustedPathException(Path.of("/opt/stap"), "untrusted stap scripts directory /opt/stap: mode 0777");
    }

    @Override
    public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aBackendRefusedByTheTrustChecksEndsTheRunInsteadOfSteppingToTheNext() {
    List<String> ran = new ArrayList<>();
    DropWatchProbe probe = new DropWatchProbe(List.of(new Refused(ran), runs("dropwatch")));
    assertThatThrownBy(() -> probe.run(WATCH, CONTEXT)).isInstanceOf(UntrustedPathException.class).hasMessageContaining("/opt/stap");
    assertThat(ran).containsExactly("stap");
    // the same backend failing for any other reason steps to the next (aWatchThatFailsGoesOnWithTheNextAndSaysSo)
  }

  @Test
  void aWatchThatFailsGoesOnWithTheNextAndSaysSo() {
    DropWatchProbe probe = new DropWatchProbe(List.of(new Fake("stap", null, true, "no debuginfo"), runs("dropwatch"),
        new Fake("counters", null, false, null)));
    ProbeOutcome o = probe.run(WATCH, CONTEXT);
    assertThat(o.backend()).isEqualTo("dropwatch");
    assertThat(o.notes()).first().asString().contains("stap failed: no debuginfo").contains("the next backend watched");
    DropWatchProbe allFail = new DropWatchProbe(List.of(new Fake("stap", null, true, "no debuginfo"), new Fake("counters", null, false, null)));
    assertThatThrownBy(() -> allFail.run(WATCH, CONTEXT)).hasMessage("stap failed: no debuginfo"); // the counters never stand in for a failure
  }

  @Test
  void whenNoBackendCanWatchTheCountersStandInWithEveryReasonAndReplayTheSame() {
    DropWatchProbe probe = new DropWatchProbe(List.of(cannot("tracefs", "this kernel's kfree_skb tracepoint has no drop reason"),
        cannot("stap", "SystemTap is not installed (apt-get install systemtap)"), cannot("dropwatch", "dropwatch is not installed (apt-get install dropwatch)"),
        new Fake("counters", null, false, null)));
    ProbeOutcome live = probe.run(WATCH, CONTEXT);
    NoDropWatch expected = new NoDropWatch(List.of("tracefs: this kernel's kfree_skb tracepoint has no drop reason",
        "stap: SystemTap is not installed (apt-get install systemtap)", "dropwatch: dropwatch is not installed (apt-get install dropwatch)"));
    assertThat(live.facts()).contains(expected, DropWatchSummary.countersOnly());
    assertThat(live.facts()).filteredOn(DropWatchSummary.class::isInstance).map(f -> ((DropWatchSummary) f).watched()).containsExactly(false);
    ProbeOutcome replayed = probe.interpret(WATCH, "counters", live.raw(), CONTEXT);
    assertThat(replayed.facts()).isEqualTo(live.facts());
    assertThat(replayed.summary()).isEqualTo("read raw of counters");
  }

  @Test
  void whenNothingCanRunTheReasonListsEveryBackend() {
    DropWatchProbe probe = new DropWatchProbe(List.of(cannot("tracefs", "needs root"), cannot("stap", "not installed"),
        new Fake("counters", "needs tracefs", false, null)));
    assertThat(probe.availability(HOST).reason()).isEqualTo("no backend can watch kfree_skb: tracefs: needs root; stap: not installed; "
        + "counters: needs tracefs");
  }

  @Test
  void aRecordingIsReplayedByTheBackendThatMadeItAlsoUnderItsFormerIds() {
    DropWatchProbe probe = new DropWatchProbe(List.of(runs("tracefs"), runs("stap")));
    assertThat(probe.interpret(WATCH, "stap", "x", CONTEXT).backend()).isEqualTo("stap");
    assertThat(probe.interpret(WATCH, "replay of replay of stap", "x", CONTEXT).backend()).isEqualTo("stap");
    assertThatThrownBy(() -> probe.interpret(WATCH, "bpf-magic", "x", CONTEXT)).hasMessageContaining("'bpf-magic'");
    assertThat(probe.formerIds()).containsExactlyInAnyOrder("stap-drop-watch", "dropwatch");
  }

  @Test
  void theRealBackendsInOrderEachSayWhyNot() {
    DropWatchProbe probe = new DropWatchProbe(null, null, null, null, 4, new StapDropWatch(null, null), new NetlinkDropMonitorWatch(null, null),
        new CountersDropWatch(new CountersProbe(null)));
    HostFacts notRoot = new HostFacts("6.18.0", false, null, Map.of(), List.of("ip"), List.of());
    assertThat(probe.availability(notRoot).reason()).startsWith("no backend can watch kfree_skb: tracefs+bpftrace: watching kfree_skb needs root")
        .contains("; tracefs: watching kfree_skb needs root").contains("; stap: SystemTap is not installed (apt-get install systemtap")
        .contains("; dropwatch: dropwatch is not installed (apt-get install dropwatch)").contains("; counters: ");
    HostFacts noBpftrace = new HostFacts("6.18.0", true, "/sys/kernel/tracing", Map.of(2, "NOT_SPECIFIED"), List.of("ip"), List.of());
    assertThat(probe.availability(noBpftrace).available()).isTrue();
    assertThat(new TracefsDropWatch(null, null, null, null, 4, true).availability(noBpftrace).reason()).contains("apt-get install bpftrace");
    assertThat(new TracefsDropWatch(null, null, null, null, 4, false).availability(HOST).reason()).contains("no drop reason");
  }
}
