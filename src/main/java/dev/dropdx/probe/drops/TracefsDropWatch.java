package dev.dropdx.probe.drops;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.DropWatchBackend;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.bpftrace.BpftraceDropScript;
import dev.dropdx.probe.bpftrace.BpftraceOutputParser;
import dev.dropdx.probe.bpftrace.BpftraceOutputParser.PacketDrop;
import dev.dropdx.probe.bpftrace.BpftraceOutputParser.SampledStack;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.host.NetnsInodes;
import dev.dropdx.probe.tracefs.TraceOutputParser;
import dev.dropdx.probe.tracefs.TraceOutputParser.DropGroup;
import dev.dropdx.probe.tracefs.TracefsInstance;
import dev.dropdx.probe.tracefs.TracefsInstances;
import dev.dropdx.netns.NamespaceFlow;
import dev.dropdx.netns.NetnsInfo;
import dev.dropdx.netns.NetnsMap;
import dev.dropdx.netns.NetnsScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tracefs backends of the drop watch: skb:kfree_skb for a window in a private tracefs instance
 * (location, reason, count, stack, overruns) or, per packet ("tracefs+bpftrace"), bpftrace alone
 * reading each dropped packet's headers, device and namespace so drops are matched to the target,
 * with a stack (and so the location) sampled per place. Per packet, the watch ends early once the
 * target's drops have been seen and have settled; the window is the most it waits. If bpftrace
 * fails, the drop watch goes on with its next backend (tracefs alone). Bundles recorded when a
 * tracefs trace ran beside bpftrace still read their locations from it.
 *
 * <p>For a target in every namespace ({@link Target#allNetns}) the watch runs its whole window,
 * records the host's namespace map (named ones, and unnamed ones by a process inside them) and
 * attributes each dropped packet to its namespace by inode; a drop of namespace 0 (no device, no
 * socket) is unattributable and never counted as anyone's. Read again with a one-namespace target,
 * the same recording gives that namespace's drops as the target's and the rest as others'.
 */
final class TracefsDropWatch implements DropWatchBackend {
  private static final int MAX_RAW_TRACE = 256 * 1024;
  private static final String BPFTRACE = "bpftrace";
  private static final String TRACE = "tracefs trace";
  private static final String NAMESPACES = "namespaces";
  /** How long the watch goes on after the target's first drops, so counts and reasons settle. */
  static final long SETTLE_MILLIS = 100;
  /** How often the watch looks at bpftrace's output (its dumps come every {@link BpftraceDropScript#TICK_MILLIS}). */
  private static final long POLL_MILLIS = 20;
  /** Stacks tracefs alone takes (its first drops'); more would cost every drop a stack walk. */
  static final int TRACE_STACKS = 32;

  private final TracefsInstances instances;
  private final CommandRunner runner;
  private final ChildProcesses children;
  private final NetnsInodes inodes;
  private final int bufferKb;
  private final boolean perPacketBackend;
  private final NetnsScanner scanner;

  /**
   * @param bufferKb the instance's per-CPU trace buffer (tests make it tiny to force overruns)
   * @param perPacket true for the tracefs+bpftrace backend, false for tracefs alone
   */
  TracefsDropWatch(TracefsInstances instances, CommandRunner runner, ChildProcesses children, NetnsInodes inodes, int bufferKb,
      boolean perPacket) {
    this(instances, runner, children, inodes, new NetnsScanner(), bufferKb, perPacket);
  }

  /** @param scanner lists the host's namespaces for a watch of every namespace */
  TracefsDropWatch(TracefsInstances instances, CommandRunner runner, ChildProcesses children, NetnsInodes inodes, NetnsScanner scanner,
      int bufferKb, boolean perPacket) {
    this.scanner = scanner;
    this.bufferKb = bufferKb;
    this.instances = instances;
    this.runner = runner;
    this.children = children;
    this.inodes = inodes;
    this.perPacketBackend = perPacket;
  }

  @Override
  public String name() {
    // "tracefs+bpftrace" although bpftrace now watches alone: bundles name the backend that reads them
    return perPacketBackend ? "tracefs+bpftrace" : "tracefs";
  }

  @Override
  public Availability availability(HostFacts host) {
    if (!host.root()) {
      return Availability.no("watching kfree_skb needs root: run dropdx with sudo");
    }
    if (host.tracefs() == null) {
      return Availability.no("tracefs is not available: mount -t tracefs nodev /sys/kernel/tracing");
    }
    if (!host.hasDropReasons()) {
      return Availability.no("this kernel's kfree_skb tracepoint has no drop reason (kernels before 5.17)");
    }
    if (perPacketBackend && !host.hasTool("bpftrace")) {
      return Availability.no("bpftrace is not installed (apt-get install bpftrace): drops cannot be matched to the target per packet");
    }
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    Target target = context.target();
    int window = context.windowSeconds();
    List<String> notes = new ArrayList<>();
    String bpfOut = "";
    String trace = "";
    long lost = 0;
    long watchedMillis;
    boolean all = target.allNetns();
    // Scanned before and after the watch: a namespace that appeared during it is named too.
    NetnsMap namespaces = all ? scanner.scan() : NetnsMap.empty();
    long targetNs = all ? -1 : inodes.inodeOf(target.netns());
    Process dying = null;
    if (perPacketBackend) {
      // bpftrace alone: its map counts every drop (nothing to overrun) and its stack sample gives each
      // place's location, so no tracefs event runs beside it. Measured (bench/drop-event-cost, session
      // 13): that trace cost about 100 ns per dropped packet and ran from before bpftrace's start-up to
      // its end (4.6 s around a 0.3 s watch in a flood), and then its whole file was formatted and read.
      BpftraceRun run = runBpftrace(target, window, targetNs, context);
      if (!run.ok()) {
        // The drop watch goes on with the next backend (tracefs alone), which says so in its notes.
        throw new IllegalStateException("bpftrace failed (" + run.error() + ")");
      }
      bpfOut = run.stdout();
      dying = run.dying();
      notes.add(run.ended());
      watchedMillis = run.watchedMillis();
    } else {
      try (TracefsInstance instance = instances.create(Path.of(context.host().tracefs()))) {
        instance.write("buffer_size_kb", Integer.toString(bufferKb));
        // The target's family only (IPv4 unless it is an IPv6 target; both for every namespace when no
        // address says which): the other family's traffic would otherwise flood the buffer. Protocol 0
        // too: locally generated packets dropped before the IP layer set skb->protocol (no route on output).
        instance.write("events/skb/kfree_skb/filter", tracefsFilter(target));
        // Stacks are a sample, not one per drop (each costs the host): the first few drops' stacks.
        instance.write("events/skb/kfree_skb/trigger", "stacktrace:" + TRACE_STACKS);
        instance.write("events/skb/kfree_skb/enable", "1");
        long traceOn = System.nanoTime();
        countdown(window, context);
        instance.write("events/skb/kfree_skb/enable", "0");
        watchedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - traceOn);
        trace = instance.read("trace");
        lost = instance.overruns();
      }
      boolean installed = context.host().hasTool(BPFTRACE);
      notes.add((installed ? "bpftrace could not watch" : "bpftrace is not installed")
          + ": drops could not be matched to the target per packet, so every " + familyName(target)
          + " drop on the host counts as possibly the target's" + (installed ? "" : " (apt-get install bpftrace)"));
    }
    notes.add(coverage(perPacketBackend, watchedMillis));
    if (all) {
      namespaces = namespaces.merge(scanner.scan());
    }
    RecordedSections.Writer raw = RecordedSections.writer()
        .value("window", window)
        .value("per-packet", perPacketBackend)
        .value("target-netns-inode", all ? 0 : targetNs)
        .value("all-netns", all)
        .value("lost-events", lost)
        .value("watched-ms", watchedMillis);
    notes.forEach(raw::note);
    raw.section(BPFTRACE, bpfOut).section(TRACE, trace.length() > MAX_RAW_TRACE ? trace.substring(0, MAX_RAW_TRACE) : trace);
    if (all) {
      raw.section(NAMESPACES, namespaces.encode());
    }
    try {
      return interpret(request, raw.toString(), context);
    } finally {
      if (dying != null) {
        children.stop(dying); // killed when the watch ended; gone by now or in a moment
      }
    }
  }

  /** Reads the header lines, the bpftrace map and the tracefs trace that {@link #run} recorded. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    RecordedSections recorded = RecordedSections.read(raw, BPFTRACE, TRACE, NAMESPACES);
    if (!recorded.has(BPFTRACE) || !recorded.has(TRACE)) {
      throw new IllegalArgumentException("recorded drop-watch output lacks its bpftrace and tracefs sections");
    }
    List<String> notes = new ArrayList<>(recorded.notes());
    int window = Integer.parseInt(recorded.value("window").orElse("0"));
    boolean perPacket = Boolean.parseBoolean(recorded.value("per-packet").orElse("false"));
    long targetNs = Long.parseLong(recorded.value("target-netns-inode").orElse("0"));
    long lost = Long.parseLong(recorded.value("lost-events").orElse("0"));
    // Bundles recorded before watched-ms existed: the watch was taken to last its whole window.
    long watchedMillis = Long.parseLong(recorded.value("watched-ms").orElse(Long.toString(window * 1000L)));
    String bpfOut = recorded.section(BPFTRACE);
    List<DropGroup> groups = TraceOutputParser.parse(recorded.section(TRACE));
    Target target = context.target();
    boolean recordedAll = Boolean.parseBoolean(recorded.value("all-netns").orElse("false"));
    NetnsMap namespaces = recordedAll ? NetnsMap.decode(recorded.section(NAMESPACES)) : NetnsMap.empty();
    if (recordedAll && !target.allNetns()) {
      // One namespace's share of a watch of all: its inode from the recorded map (0 = none of them).
      targetNs = namespaces.byId(target.netns()).map(NetnsInfo::inode).orElse(0L);
    }
    List<Drop> drops;
    if (!perPacket) {
      drops = fromGroups(groups, target);
    } else if (recordedAll && target.allNetns()) {
      drops = attributed(BpftraceOutputParser.parse(bpfOut), BpftraceOutputParser.stacks(bpfOut), groups, target, namespaces, context.host());
    } else {
      drops = fromPackets(BpftraceOutputParser.parse(bpfOut), BpftraceOutputParser.stacks(bpfOut), groups, target, targetNs, context.host(),
          namespaces, recordedAll);
    }
    long matched = drops.stream().filter(Drop::mayBeTarget).mapToLong(Drop::count).sum();
    long ignored = drops.stream().filter(d -> !d.mayBeTarget()).mapToLong(Drop::count).sum();
    if (lost > 0) {
      notes.add("the trace buffer overran: " + lost + " kfree_skb event(s) were lost, counts are a lower bound");
    }
    DropWatchSummary summary = new DropWatchSummary(perPacket ? "tracefs+bpftrace" : "tracefs", window, perPacket, matched, ignored, lost,
        watchedMillis);
    List<Object> facts = new ArrayList<>(drops);
    facts.add(summary);
    if (recordedAll && target.allNetns()) {
      facts.addAll(namespaces.all()); // who is who: the report names each namespace from these
      facts.addAll(flows(BpftraceOutputParser.parse(bpfOut), drops, context.host()));
    }
    return new ProbeOutcome(summary.backend(), summary.describe(), facts, notes, raw);
  }

  /** What bpftrace printed (its final map), why the watch ended (null when it failed), and how long it watched. */
  private record BpftraceRun(boolean ok, String stdout, String error, String ended, long watchedMillis, Process dying) {
    static BpftraceRun failed(String stdout, String error) {
      return new BpftraceRun(false, stdout, error, null, 0, null);
    }
  }

  /** What the counts cover, said once in the notes: the span watched. */
  static String coverage(boolean perPacket, long watchedMillis) {
    return perPacket
        ? String.format(Locale.ROOT, "the drop counts cover the %.1f s bpftrace watched (from when its probes were attached "
            + "until it stopped; stacks and locations are its sample, the first drop of each place)", watchedMillis / 1000.0)
        : String.format(Locale.ROOT, "the drop counts cover the %.1f s the tracefs trace was on", watchedMillis / 1000.0);
  }

  /**
   * How long bpftrace watched: the whole window when it ran out, else one tick for each periodic dump
   * it printed (the ticks start when its probes are attached, so its start-up is not counted) up to
   * the map kept: its final map, or when it was killed, the last complete dump (one tick earlier).
   */
  static long watchedMillis(String stdout, boolean stoppedEarly, int window) {
    long whole = window * 1000L;
    int ticks = ticks(stdout) - (stdout.contains(BpftraceDropScript.FINAL) ? 0 : 1);
    return stoppedEarly ? Math.min(whole, (long) Math.max(0, ticks) * BpftraceDropScript.TICK_MILLIS) : whole;
  }

  private static int ticks(CharSequence out) {
    String s = out.toString();
    int n = 0;
    for (int i = s.indexOf(BpftraceDropScript.TICK); i >= 0; i = s.indexOf(BpftraceDropScript.TICK, i + 1)) {
      n++;
    }
    return n;
  }

  /** Why the watch ended, in the watch's own time (from when bpftrace's probes were attached), and what start-up took. */
  static String ended(boolean stoppedEarly, int window, long watchedMillis, long seenMillis, double wallSeconds) {
    double startup = Math.max(0, wallSeconds - watchedMillis / 1000.0);
    return stoppedEarly
        ? String.format(Locale.ROOT, "the watch ended early: drops matching the target were seen %.1f s into it and counted for "
            + "%.1f s more, so bpftrace watched %.1f s of the %d s window (its start-up, %.1f s before that, is not counted)",
            seenMillis / 1000.0, Math.max(0, watchedMillis - seenMillis) / 1000.0, watchedMillis / 1000.0, window, startup)
        : String.format(Locale.ROOT, "the watch ran its whole %d s window (no drop matching the target ended it early; bpftrace's "
            + "start-up, %.1f s before that, is not counted)", window, startup);
  }

  /**
   * True when the watch reads both families: every namespace, and no address or protocol of the
   * target names one (a container's IPv6 drop must show in the table as its IPv4 drops do).
   */
  static boolean bothFamilies(Target target) {
    return target.allNetns() && target.family() == 0;
  }

  /** The tracefs event filter: the watched families' EtherTypes, and 0 (packets freed before their header was written). */
  static String tracefsFilter(Target target) {
    return bothFamilies(target) ? "protocol == 2048 || protocol == 34525 || protocol == 0"
        : target.ipv6() ? "protocol == 34525 || protocol == 0" : "protocol == 2048 || protocol == 0";
  }

  /** The bpftrace program for the watched families. */
  static String program(Target target, int window, boolean ports) {
    // Every namespace: the watch runs its whole window (nothing ends it early), so slow dumps will do.
    int tick = target.allNetns() ? BpftraceDropScript.WHOLE_WINDOW_TICK_MILLIS : BpftraceDropScript.TICK_MILLIS;
    return bothFamilies(target) ? BpftraceDropScript.bothFamiliesProgram(window, ports, tick)
        : target.ipv6() ? BpftraceDropScript.ipv6Program(window, ports, tick) : BpftraceDropScript.program(window, ports, tick);
  }

  private static String familyName(Target target) {
    return bothFamilies(target) ? "IPv4 or IPv6" : target.ipv6() ? "IPv6" : "IPv4";
  }

  /**
   * Runs bpftrace for at most the window. The map it dumps every tick is matched to the target as
   * it comes; once the target's drops have been seen, the watch goes on for {@link #SETTLE_MILLIS}
   * (so counts and reasons are representative, not the first packet alone), then for the next
   * complete dump, and kills bpftrace: that dump is its final map (waiting for END and the detach
   * cost a quarter of a second, and bpftrace 0.17 at times died of the SIGTERM without printing).
   */
  private BpftraceRun runBpftrace(Target target, int window, long targetNs, ProbeContext context) {
    // Every namespace: ports too, so each namespace's flow can be diagnosed as if it had been named.
    boolean ports = target.dport() != null || target.allNetns();
    String program = program(target, window, ports);
    Process p = runner.start(List.of("bpftrace", "-e", program));
    StringBuffer sofar = new StringBuffer();
    CompletableFuture<String> out = CommandRunner.drain(p.getInputStream(), sofar);
    CompletableFuture<String> err = CommandRunner.drain(p.getErrorStream());
    boolean handedOver = false;
    try {
      long started = System.nanoTime();
      long deadline = started + TimeUnit.SECONDS.toNanos(window + 30L);
      long firstSeen = -1;
      long seenMillis = 0;
      int ticksAtSettle = -1;
      boolean stoppedEarly = false;
      long stoppedAt = 0;
      TickScan scan = new TickScan();
      while (p.isAlive() && System.nanoTime() < deadline) {
        long now = System.nanoTime();
        // Only a new complete dump is read (each poll used to copy and scan the whole output so far).
        if (scan.update(sofar) && firstSeen < 0 && seesTarget(scan.lastDump(sofar), target, targetNs, context.host())) {
          firstSeen = now;
          seenMillis = (long) scan.count() * BpftraceDropScript.TICK_MILLIS;
        }
        if (firstSeen >= 0 && ticksAtSettle < 0 && now - firstSeen >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS)) {
          ticksAtSettle = scan.count();
        }
        if (ticksAtSettle >= 0 && scan.count() > ticksAtSettle) {
          // The dump that began when the settling ended is complete: it holds every drop and stack
          // so far, so bpftrace is killed outright instead of waiting for it to run END and detach.
          // The kept dump is read now and the kill is not waited for: bpftrace takes about 0.1 s to
          // die (its programs are detached), which the caller spends reading the map; it waits after.
          String snapshot = sofar.toString();
          p.destroyForcibly();
          long watched = watchedMillis(snapshot, true, window);
          handedOver = true;
          return new BpftraceRun(true, BpftraceOutputParser.finalDump(snapshot), "",
              ended(true, window, watched, seenMillis, seconds(now - started)), watched, p);
        }
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(now - started);
        context.progress().accept("watching kfree_skb (bpftrace per packet): " + elapsed + " s of at most " + (window + 2) + " s");
        p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
      if (p.isAlive() && !stoppedEarly) {
        children.stop(p);
        return BpftraceRun.failed(out.join(), "did not finish in time");
      }
      children.stop(p);
      boolean exitedClean = p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
      String stdout = out.join();
      String stderr = err.join();
      double wall = seconds((stoppedAt == 0 ? System.nanoTime() : stoppedAt) - started);
      long watched = watchedMillis(stdout, stoppedEarly, window);
      // Stopped early, bpftrace was killed: its last complete periodic dump is the final map.
      boolean ok = exitedClean || stdout.contains(BpftraceDropScript.FINAL)
          || (stoppedEarly && BpftraceOutputParser.lastTick(stdout).isPresent());
      // Only the final map is kept: the periodic dumps repeat it and would bloat the bundle.
      return ok
          ? new BpftraceRun(true, BpftraceOutputParser.finalDump(stdout), "", ended(stoppedEarly, window, watched, seenMillis, wall), watched,
              null)
          : BpftraceRun.failed(stdout, stderr.lines().filter(l -> !l.contains("RLIMIT_MEMLOCK")).findFirst()
              .orElse(p.isAlive() ? "did not stop" : "exit " + p.exitValue()));
    } catch (InterruptedException e) {
      children.stop(p);
      Thread.currentThread().interrupt();
      return BpftraceRun.failed("", "interrupted");
    } finally {
      if (!handedOver) {
        children.stop(p);
      }
    }
  }

  /** Whether a complete periodic dump holds a drop of the target's packets. */
  private static boolean seesTarget(String dump, Target target, long targetNs, HostFacts host) {
    if (target.allNetns()) {
      return false; // every namespace: the whole window, so each namespace's drops are counted alike
    }
    return fromPackets(BpftraceOutputParser.parse(dump), List.of(), List.of(), target, targetNs, host, NetnsMap.empty(), false).stream()
        .anyMatch(d -> d.match() == TargetMatch.TARGET);
  }

  /**
   * bpftrace's tick markers found so far in its growing output, each part of the output scanned
   * once: the count of complete dumps and where the last one is, without copying the output.
   */
  static final class TickScan {
    private int count;
    private int scanned;
    private int last = -1;
    private int before = -1;

    /** Reads what was added since the last call; true when a new marker (so a new complete dump) arrived. */
    boolean update(StringBuffer out) {
      int seen = count;
      for (int i = out.indexOf(BpftraceDropScript.TICK, scanned); i >= 0; i = out.indexOf(BpftraceDropScript.TICK, scanned)) {
        count++;
        before = last;
        last = i;
        scanned = i + BpftraceDropScript.TICK.length();
      }
      // a marker being written at the end is looked at again next time
      scanned = Math.max(scanned, out.length() - BpftraceDropScript.TICK.length());
      return count > seen;
    }

    /** Markers seen. */
    int count() {
      return count;
    }

    /** The last complete dump (between the last two markers), empty before there is one. */
    String lastDump(StringBuffer out) {
      return before < 0 ? "" : out.substring(before + BpftraceDropScript.TICK.length(), last);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void countdown(int window, ProbeContext context) {
    for (int s = 0; s < window; s++) {
      context.progress().accept("watching kfree_skb (tracefs): " + s + " s of " + window + " s");
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Drops matched to a one-namespace target. In a live one-namespace watch a drop of namespace 0
   * counts as possibly the target's (as before); read from a watch of every namespace, it is
   * unattributable and counted as no one's.
   */
  private static List<Drop> fromPackets(List<PacketDrop> packets, List<SampledStack> stacks, List<DropGroup> groups, Target target,
      long targetNs, HostFacts host, NetnsMap namespaces, boolean strict) {
    List<Drop> drops = new ArrayList<>();
    for (PacketDrop p : packets) {
      boolean sameNs = strict ? targetNs != 0 && p.netnsInode() == targetNs : p.netnsInode() == 0 || p.netnsInode() == targetNs;
      boolean ours = sameNs && target.matches(p.src(), p.dst(), p.protocol(), p.dport() == 0 ? null : p.dport())
          && (target.iface() == null || target.iface().equals(p.iface()));
      drops.add(drop(p, stacks, groups, host, ours, sameNs ? target.netns() : otherNetns(p.netnsInode(), namespaces)));
    }
    return drops;
  }

  /**
   * One packet group as a Drop: the location with offset from the tracefs group of the same function
   * and reason, the stack from bpftrace's sample of that place (else the trace's, in bundles recorded
   * before the sample).
   */
  private static Drop drop(PacketDrop p, List<SampledStack> stacks, List<DropGroup> groups, HostFacts host, boolean ours, String netns) {
    String reason = host.reasonName(p.reason());
    DropGroup group = groups.stream().filter(g -> g.function().equals(p.function()) && g.reason().equals(reason)).findFirst().orElse(null);
    return new Drop(p.function(), group == null ? sampledLocation(p, stacks) : group.location(), reason, p.count(),
        ours ? TargetMatch.TARGET : TargetMatch.OTHER, netns, p.iface().isEmpty() ? null : p.iface(), p.src(), p.dst(), p.protocol(),
        stack(p, stacks, group));
  }

  /** The target's drops per namespace and flow (with the port, which a Drop does not carry), in the order of {@code drops}. */
  private static List<NamespaceFlow> flows(List<PacketDrop> packets, List<Drop> drops, HostFacts host) {
    List<NamespaceFlow> flows = new ArrayList<>();
    for (int i = 0; i < packets.size() && i < drops.size(); i++) {
      PacketDrop p = packets.get(i);
      Drop d = drops.get(i);
      if (d.match() == TargetMatch.TARGET) {
        flows.add(new NamespaceFlow(d.netns(), p.function(), host.reasonName(p.reason()), p.dst(), p.protocol(), p.dport(), p.count()));
      }
    }
    return flows;
  }

  /** Another namespace's id when the map knows it, else its inode in words. */
  private static String otherNetns(long inode, NetnsMap namespaces) {
    if (inode == 0 && !namespaces.all().isEmpty()) {
      return "unattributable"; // read from a watch of every namespace: no device, no socket
    }
    return namespaces.byInode(inode).filter(NetnsInfo::reachable).map(NetnsInfo::id).orElse("netns inode " + inode);
  }

  /**
   * Every drop attributed to its namespace: the target's when its headers match and its namespace
   * is known and can be entered (named, ours, or held by a process); namespace 0 and namespaces no
   * one holds any more are others', with their inode in words.
   */
  private static List<Drop> attributed(List<PacketDrop> packets, List<SampledStack> stacks, List<DropGroup> groups, Target target,
      NetnsMap namespaces, HostFacts host) {
    List<Drop> drops = new ArrayList<>();
    for (PacketDrop p : packets) {
      java.util.Optional<NetnsInfo> ns = p.netnsInode() == 0 ? java.util.Optional.empty()
          : namespaces.byInode(p.netnsInode()).filter(NetnsInfo::reachable);
      boolean ours = ns.isPresent() && target.matches(p.src(), p.dst(), p.protocol(), p.dport() == 0 ? null : p.dport())
          && (target.iface() == null || target.iface().equals(p.iface()));
      drops.add(drop(p, stacks, groups, host, ours, ns.map(NetnsInfo::id).orElse(p.netnsInode() == 0 ? "unattributable" : "netns inode " + p.netnsInode())));
    }
    return drops;
  }

  /**
   * The place as function+offset (hex, as the kernel prints it) from the frame of that function in
   * bpftrace's stack sample of the place, e.g. __udp4_lib_rcv+0x4bc from frame __udp4_lib_rcv+1212;
   * the function alone when there is no sample.
   */
  static String sampledLocation(PacketDrop p, List<SampledStack> stacks) {
    String prefix = p.function() + "+";
    return stacks.stream().filter(s -> s.function().equals(p.function()) && s.reason() == p.reason()).findFirst()
        .flatMap(s -> s.frames().stream().filter(f -> f.startsWith(prefix) && f.substring(prefix.length()).matches("\\d{1,9}")).findFirst())
        .map(f -> prefix + "0x" + Integer.toHexString(Integer.parseInt(f.substring(prefix.length()))))
        .orElse(p.function());
  }

  private static List<String> stack(PacketDrop p, List<SampledStack> stacks, DropGroup group) {
    return stacks.stream().filter(s -> s.function().equals(p.function()) && s.reason() == p.reason()).findFirst()
        .map(SampledStack::frames).orElse(group == null ? List.of() : group.stack());
  }

  private static List<Drop> fromGroups(List<DropGroup> groups, Target target) {
    return groups.stream()
        .map(g -> Drop.unfiltered(g.function(), g.location(), g.reason(), g.count(), target, g.stack()))
        .toList();
  }
}
