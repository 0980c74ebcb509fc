package dev.dropdx.diagnosis;

import dev.dropdx.evidence.EvidenceRecorder;
import dev.dropdx.evidence.EvidenceSource;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.knowledge.NormalFree;
import dev.dropdx.knowledge.ReasonCatalog;
import dev.dropdx.netns.NamespaceFlow;
import dev.dropdx.netns.NetnsInfo;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.rules.RuleBook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A diagnosis of every network namespace (diagnose --all-netns): one host-wide drop watch
 * attributes each dropped packet to its namespace; the target's drops are grouped by namespace,
 * reason and place (the table's rows) and each group, most packets first, is diagnosed by its own
 * {@link DiagnosisSession} as if it had been asked about alone: in that namespace (its probes run
 * there), for its biggest flow where the user left destination, protocol or port open, until the
 * probe or time budget is spent. Two groups with the same narrowed target share one diagnosis.
 * Live and in replay alike: only the evidence source differs.
 */
final class AllNetnsDiagnosis {
  private static final String ASKED_BY = "dropdx --all-netns";

  private final RuleBook rules;
  private final KnowledgeBase knowledge;
  private final ReasonCatalog reasons;
  private final ProbeCatalog probes;
  private final EvidenceSource evidence;
  private final HostFacts host;
  private final Target target;
  private final DiagnosisOptions options;
  private final Consumer<String> progress;
  private final LongSupplier nanoTime;
  private final long start;

  AllNetnsDiagnosis(RuleBook rules, KnowledgeBase knowledge, ReasonCatalog reasons, ProbeCatalog probes, EvidenceSource evidence,
      HostFacts host, Target target, DiagnosisOptions options, Consumer<String> progress, LongSupplier nanoTime, long start) {
    this.rules = rules;
    this.knowledge = knowledge;
    this.reasons = reasons;
    this.probes = probes;
    this.evidence = evidence;
    this.host = host;
    this.target = target;
    this.options = options;
    this.progress = progress;
    this.nanoTime = nanoTime;
    this.start = start;
  }

  DiagnosisReport run() {
    EvidenceRecorder recorder = new EvidenceRecorder(evidence, new ProbeContext(target, host, options.windowSeconds(), progress),
        EvidenceRecorder.Style.DIAGNOSE, nanoTime, start);
    ProbeRequest watch = ProbeRequest.of(SharedWatchEvidence.DROP_WATCH, 100, ASKED_BY, "watch skb:kfree_skb on the whole host and "
        + "attribute every dropped packet to its network namespace, then diagnose each namespace's drops", "netns", Target.ALL_NETNS);
    Optional<ProbeOutcome> watched = recorder.available(watch) ? recorder.run(watch) : Optional.empty();
    if (watched.isEmpty()) {
      String why = recorder.trail().get(recorder.trail().size() - 1).result();
      throw new CannotDiagnoseException("no drop evidence could be gathered on this host: " + why);
    }
    ProbeOutcome o = watched.get();
    List<Drop> drops = DropOrder.sorted(o.facts().stream().filter(Drop.class::isInstance).map(Drop.class::cast).toList());
    DropWatchSummary summary = o.facts().stream().filter(DropWatchSummary.class::isInstance).map(DropWatchSummary.class::cast).findFirst()
        .orElseThrow(() -> new CannotDiagnoseException("the drop watch gave no summary"));
    if (!summary.perPacket()) {
      throw new CannotDiagnoseException("--all-netns needs the per-packet watch (tracefs+bpftrace) to tell namespaces apart, and it "
          + "could not run here (" + summary.backend() + ": " + String.join("; ", o.notes()) + "); name one namespace with --netns");
    }
    Map<Long, NetnsInfo> byInode = new LinkedHashMap<>();
    o.facts().stream().filter(NetnsInfo.class::isInstance).map(NetnsInfo.class::cast).forEach(n -> byInode.put(n.inode(), n));

    List<NamespaceFlow> flows = o.facts().stream().filter(NamespaceFlow.class::isInstance).map(NamespaceFlow.class::cast).toList();

    List<String> notes = leftOut(drops);
    List<NamespaceDiagnosis> namespaces = diagnoseEach(groups(drops, flows, byInode), o, notes);
    List<RecordedProbe> recorded = new ArrayList<>(recorder.recorded());
    // Each namespace's own drop-watch answer is the shared watch read again: kept once, not per namespace.
    distinct(namespaces.stream().map(NamespaceDiagnosis::report).filter(java.util.Objects::nonNull).toList()).stream()
        .flatMap(r -> r.evidence().stream())
        .filter(p -> !p.probe().equals(SharedWatchEvidence.DROP_WATCH)).forEach(recorded::add);
    return report(recorder.trail(), drops, namespaces, notes, recorded);
  }

  /**
   * What the table leaves out, said once each: drops no namespace can be given, and the frees the
   * reason pages call normal (ping's echo replies: watching every namespace sees all of them).
   */
  private List<String> leftOut(List<Drop> drops) {
    List<String> notes = new ArrayList<>();
    long unattributable = drops.stream().filter(d -> d.netns().equals("unattributable")).mapToLong(Drop::count).sum();
    if (unattributable > 0) {
      notes.add(unattributable + " dropped packet(s) had no device and no socket, so no namespace: they are not attributed to any");
    }
    Map<String, Long> normal = new java.util.TreeMap<>();
    drops.stream().filter(d -> d.match() == TargetMatch.TARGET).forEach(d -> normalFree(d)
        .ifPresent(n -> normal.merge(n.why(), d.count(), Long::sum)));
    normal.forEach((why, count) -> notes.add(count + " " + why + ": normal frees, not drops, so not in the table"));
    return notes;
  }

  /** The normal free the drop's reason page lists at its function, if any (the knowledge base says which). */
  private Optional<NormalFree> normalFree(Drop d) {
    return reasons.pageOrFallback(d.reason()).normalFreeAt(d.function(), d.protocol());
  }

  /** The target's drops by namespace, reason and dropping function, most packets first. */
  private List<NamespaceDiagnosis> groups(List<Drop> drops, List<NamespaceFlow> flows, Map<Long, NetnsInfo> byInode) {
    Map<String, List<Drop>> byKey = new LinkedHashMap<>();
    drops.stream().filter(d -> d.match() == TargetMatch.TARGET && normalFree(d).isEmpty())
        .forEach(d -> byKey.computeIfAbsent(d.netns() + "\n" + d.reason() + "\n" + d.function(), k -> new ArrayList<>()).add(d));
    List<NamespaceDiagnosis> groups = new ArrayList<>();
    byKey.forEach((key, list) -> {
      Drop first = list.get(0);
      byInode.values().stream().filter(n -> n.id().equals(first.netns())).findFirst().ifPresent(ns -> groups.add(new NamespaceDiagnosis(ns,
          first.reason(), first.location(), narrowed(ns.id(), first, flows), list, null, "")));
    });
    groups.sort(Comparator.comparingLong(NamespaceDiagnosis::packets).reversed().thenComparing(g -> g.namespace().id())
        .thenComparing(NamespaceDiagnosis::reason));
    return groups;
  }

  /**
   * The user's target in one namespace, narrowed to the group's biggest flow where the user left it
   * open (destination, protocol, and the port for UDP/TCP): the rules ask, e.g., which socket
   * holds the port only when the target names one.
   */
  private Target narrowed(String netns, Drop group, List<NamespaceFlow> flows) {
    Optional<NamespaceFlow> top = flows.stream()
        .filter(f -> f.netns().equals(netns) && f.reason().equals(group.reason()) && f.function().equals(group.function()))
        .max(Comparator.comparingLong(NamespaceFlow::count));
    if (top.isEmpty()) {
      return target.inNetns(netns);
    }
    NamespaceFlow f = top.get();
    int proto = target.protocol() != null ? target.protocol() : f.protocol();
    Integer port = target.dport() != null ? target.dport() : (proto == 6 || proto == 17) && f.dport() > 0 ? f.dport() : null;
    return new Target(target.src(), target.dst() != null ? target.dst() : f.dst(), proto, port, target.iface(), netns);
  }

  /** Diagnoses each group in turn while the budgets last; the probes each one ran come off the shared probe budget. */
  private List<NamespaceDiagnosis> diagnoseEach(List<NamespaceDiagnosis> groups, ProbeOutcome watch, List<String> notes) {
    int probesLeft = options.maxProbes() - 1; // the shared watch was one
    Map<Target, DiagnosisReport> byTarget = new LinkedHashMap<>();
    List<NamespaceDiagnosis> done = new ArrayList<>();
    for (NamespaceDiagnosis g : groups) {
      if (byTarget.containsKey(g.target())) {
        done.add(g.with(byTarget.get(g.target()), "")); // the same question was answered for a bigger group
        continue;
      }
      long secondsLeft = options.maxSeconds() - TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - start);
      if (probesLeft <= 0 || secondsLeft <= 0) {
        done.add(g.with(null, probesLeft <= 0 ? "probe budget spent (" + options.maxProbes() + " probes)"
            : "time budget spent (" + options.maxSeconds() + " s)"));
        continue;
      }
      progress.accept("diagnosing " + g.reason() + " in namespace " + g.namespace().label());
      // One more probe than is left: the group's drop watch is answered from the shared watch, not run again.
      DiagnosisOptions mine = new DiagnosisOptions(options.windowSeconds(), probesLeft + 1, (int) secondsLeft);
      EvidenceSource source = new SharedWatchEvidence(evidence, probes, watch.backend(), watch.raw());
      try {
        DiagnosisReport r = new DiagnosisSession(rules, knowledge, reasons, source, host, g.target(), mine, progress, nanoTime,
            nanoTime.getAsLong()).run();
        probesLeft -= (int) r.evidence().stream().filter(p -> !p.probe().equals(SharedWatchEvidence.DROP_WATCH)).count();
        byTarget.put(g.target(), r);
        done.add(g.with(r, ""));
      } catch (CannotDiagnoseException e) {
        notes.add("namespace " + g.namespace().label() + " could not be diagnosed: " + e.getMessage());
        done.add(g.with(null, e.getMessage()));
      }
    }
    return done;
  }

  /** Each report once (two groups with the same question share one), in order. */
  private static List<DiagnosisReport> distinct(List<DiagnosisReport> reports) {
    java.util.Set<DiagnosisReport> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    return reports.stream().filter(seen::add).toList();
  }

  private DiagnosisReport report(List<TrailStep> trail, List<Drop> drops, List<NamespaceDiagnosis> namespaces, List<String> notes,
      List<RecordedProbe> recorded) {
    List<DiagnosisReport> reports = namespaces.stream().map(NamespaceDiagnosis::report).filter(java.util.Objects::nonNull).toList();
    Verdict verdict = reports.stream().anyMatch(r -> r.verdict() == Verdict.DIAGNOSED) ? Verdict.DIAGNOSED
        : namespaces.isEmpty() ? Verdict.NO_DROPS : Verdict.INCONCLUSIVE;
    if (verdict == Verdict.NO_DROPS) {
      notes.add("nothing matched " + target.describe() + " in any namespace. Drops can still hide: NIC or driver drops (ip -s link, "
          + "ethtool -S), drops before the tracepoint, or traffic not flowing during the window");
    }
    long spaces = namespaces.stream().map(n -> n.namespace().id()).distinct().count();
    String stop = namespaces.size() + " group(s) of drops in " + spaces + " namespace(s): "
        + namespaces.stream().filter(n -> n.report() != null && n.report().verdict() == Verdict.DIAGNOSED).count() + " diagnosed, "
        + namespaces.stream().filter(n -> n.report() != null && n.report().verdict() != Verdict.DIAGNOSED).count() + " inconclusive, "
        + namespaces.stream().filter(n -> n.report() == null).count() + " not diagnosed";
    // A report shared by two groups counts once.
    List<DiagnosisReport> distinct = distinct(reports);
    List<ExplainedDiagnosis> diagnoses = distinct.stream().flatMap(r -> r.diagnoses().stream()).toList();
    List<UnexplainedDrop> unexplained = distinct.stream().flatMap(r -> r.unexplained().stream()).toList();
    return new DiagnosisReport(target, host, verdict, diagnoses, unexplained, drops, trail, stop, List.copyOf(notes), recorded, namespaces);
  }
}
