package dev.dropdx.probe.drops;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.NoDropWatch;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.DropWatchBackend;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.dropmonitor.NetlinkDropMonitorWatch;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.host.NetnsInodes;
import dev.dropdx.probe.procfs.CountersDropWatch;
import dev.dropdx.probe.stap.StapDropWatch;
import dev.dropdx.probe.tracefs.TracefsInstances;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The drop watch: where the kernel frees the target's packets, from the first backend this host
 * can run, in this order: tracefs+bpftrace (drop reasons, matched per packet), tracefs (drop
 * reasons, unfiltered), stap (no drop reasons: location filtered by address), dropwatch (the
 * netlink drop monitor, unfiltered), and, where tracefs is readable but none of them can run, the
 * counters as a stand-in (with every backend's reason). A watch that fails goes on with the next
 * watch that can run. The rules only ask for the drop watch; the backend is this probe's choice.
 */
@Component
public class DropWatchProbe implements Probe {
  private static final String UNWATCHED = "why no backend could watch";
  private static final String STAND_IN = "stand-in";

  private final List<DropWatchBackend> backends;

  /** @param bufferKb the tracefs instance's per-CPU trace buffer (dropdx.trace-buffer-kb; tests make it tiny to force overruns) */
  @Autowired
  public DropWatchProbe(TracefsInstances instances, CommandRunner runner, ChildProcesses children, NetnsInodes inodes,
      @Value("${dropdx.trace-buffer-kb:2048}") int bufferKb, StapDropWatch stap, NetlinkDropMonitorWatch dropMonitor,
      CountersDropWatch counters) {
    this(List.of(new TracefsDropWatch(instances, runner, children, inodes, bufferKb, true),
        new TracefsDropWatch(instances, runner, children, inodes, bufferKb, false), stap, dropMonitor, counters));
  }

  /** A drop watch over the given backends, tried in this order (the constructor above and tests with stand-ins). */
  DropWatchProbe(List<DropWatchBackend> backends) {
    this.backends = List.copyOf(backends);
  }

  @Override
  public String id() {
    return "drop-watch";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("where the kernel frees the target's packets, with the drop reason",
        List.of(),
        List.of("Drop", "DropWatchSummary", "NoDropWatch"),
        List.of("tracefs+bpftrace", "tracefs", "stap", "dropwatch", "counters (stand-in)"));
  }

  /** Earlier dropdx versions recorded the stap and dropwatch backends as probes of their own. */
  @Override
  public Set<String> formerIds() {
    return Set.of("stap-drop-watch", "dropwatch");
  }

  @Override
  public Availability availability(HostFacts host) {
    return backends.stream().anyMatch(b -> b.availability(host).available()) ? Availability.yes()
        : Availability.no("no backend can watch kfree_skb: " + String.join("; ", reasons(host, backends)));
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    HostFacts host = context.host();
    List<DropWatchBackend> runnable = backends.stream().filter(b -> b.availability(host).available()).toList();
    if (runnable.isEmpty()) {
      throw new IllegalStateException(availability(host).reason());
    }
    if (!runnable.get(0).watchesKfreeSkb()) {
      return standIn(runnable.get(0), request, context);
    }
    List<String> failed = new ArrayList<>();
    for (DropWatchBackend b : runnable.stream().filter(DropWatchBackend::watchesKfreeSkb).toList()) {
      try {
        ProbeOutcome o = b.run(request, context);
        if (failed.isEmpty()) {
          return o;
        }
        List<String> notes = new ArrayList<>(failed.stream().map(f -> "backend " + f + "; the next backend watched").toList());
        notes.addAll(o.notes());
        return new ProbeOutcome(o.backend(), o.summary(), o.facts(), notes, o.raw());
      } catch (dev.dropdx.trust.UntrustedPathException e) {
        throw e; // refused code (stap scripts) is not a backend failure to step past quietly
      } catch (RuntimeException e) {
        failed.add(b.name() + " failed: " + e.getMessage());
      }
    }
    throw new IllegalStateException(String.join("; ", failed));
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    throw new UnsupportedOperationException("replaying the drop watch needs the backend that recorded it");
  }

  /** Replays with the backend that recorded the output ("replay of " prefixes from earlier replays stripped). */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String backend, String raw, ProbeContext context) {
    String name = backend == null ? "" : backend.replaceAll("^(replay of )+", "");
    Optional<DropWatchBackend> b = backends.stream().filter(x -> x.name().equals(name)).findFirst();
    if (b.isEmpty()) {
      // A bundle's text, cut short: the message is one readable line whatever the bundle holds.
      String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
      throw new IllegalArgumentException("no drop watch backend named '" + shown + "' to read the recorded output (known: "
          + backends.stream().map(DropWatchBackend::name).toList() + ")");
    }
    if (!b.get().watchesKfreeSkb()) {
      RecordedSections recorded = RecordedSections.read(raw, UNWATCHED, STAND_IN);
      if (!recorded.has(STAND_IN)) {
        throw new IllegalArgumentException("recorded drop-watch stand-in output lacks its '" + STAND_IN + "' section");
      }
      List<String> reasons = recorded.section(UNWATCHED).lines().filter(l -> !l.isBlank()).toList();
      return withReasons(b.get().interpret(request, recorded.section(STAND_IN), context), reasons, raw);
    }
    return b.get().interpret(request, raw, context);
  }

  /** The stand-in's outcome, recorded with every watch's reason so a replay says the same. */
  private ProbeOutcome standIn(DropWatchBackend standIn, ProbeRequest request, ProbeContext context) {
    List<String> reasons = reasons(context.host(), backends.stream().filter(DropWatchBackend::watchesKfreeSkb).toList());
    ProbeOutcome o = standIn.run(request, context);
    String raw = RecordedSections.writer().section(UNWATCHED, String.join("\n", reasons) + "\n").section(STAND_IN, o.raw()).toString();
    return withReasons(o, reasons, raw);
  }

  private static ProbeOutcome withReasons(ProbeOutcome o, List<String> reasons, String raw) {
    NoDropWatch none = new NoDropWatch(reasons);
    List<Object> facts = new ArrayList<>(o.facts());
    facts.add(none);
    List<String> notes = new ArrayList<>(o.notes());
    notes.add(none.describe());
    return new ProbeOutcome(o.backend(), o.summary(), facts, notes, raw);
  }

  private static List<String> reasons(HostFacts host, List<DropWatchBackend> backends) {
    return backends.stream().map(b -> b.name() + ": " + b.availability(host).reason()).toList();
  }
}
