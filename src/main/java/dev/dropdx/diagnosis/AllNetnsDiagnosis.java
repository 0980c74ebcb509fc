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
import dev.dropdx.knowledge.ReasonCatalog;
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
 * attributes each dropped packet to its namespace; the target's drops are grouped by namespace and
 * each group, most packets first, is diagnosed by its own {@link DiagnosisSession} as if it had
 * been asked about alone (its probes run inside that namespace), until the probe or time budget
 * is spent. Live and in replay alike: only the evidence source differs.
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
    List<Drop> drops = o.facts().stream().filter(Drop.class::isInstance).map(Drop.class::cast).toList();
    DropWatchSummary summary = o.facts().stream().filter(DropWatchSummary.class::isInstance).map(DropWatchSummary.class::cast).findFirst()
        .orElseThrow(() -> new CannotDiagnoseException("the drop watch gave no summary"));
    if (!summary.perPacket()) {
      throw new CannotDiagnoseException("--all-netns needs the per-packet watch (tracefs+bpftrace) to tell namespaces apart, and it "
          + "could not run here (" + summary.backend() + ": " + String.join("; ", o.notes()) + "); name one namespace with --netns");
    }
    Map<Long, NetnsInfo> byInode = new LinkedHashMap<>();
    o.facts().stream().filter(NetnsInfo.class::isInstance).map(NetnsInfo.class::cast).forEach(n -> byInode.put(n.inode(), n));

    List<String> notes = new ArrayList<>();
    long unattributable = drops.stream().filter(d -> d.netns().equals("unattributable")).mapToLong(Drop::count).sum();
    if (unattributable > 0) {
      notes.add(unattributable + " dropped packet(s) had no device and no socket, so no namespace: they are not attributed to any");
    }
    List<NamespaceDiagnosis> namespaces = diagnoseEach(groups(drops, byInode), o, notes);
    List<RecordedProbe> recorded = new ArrayList<>(recorder.recorded());
    // Each namespace's own drop-watch answer is the shared watch read again: kept once, not per namespace.
    namespaces.stream().filter(n -> n.report() != null).flatMap(n -> n.report().evidence().stream())
        .filter(p -> !p.probe().equals(SharedWatchEvidence.DROP_WATCH)).forEach(recorded::add);
    return report(recorder.trail(), drops, namespaces, notes, recorded);
  }

  /** The target's drops by namespace, most packets first. */
  private static List<NamespaceDiagnosis> groups(List<Drop> drops, Map<Long, NetnsInfo> byInode) {
    Map<String, List<Drop>> byId = new LinkedHashMap<>();
    drops.stream().filter(d -> d.match() == TargetMatch.TARGET).forEach(d -> byId.computeIfAbsent(d.netns(), k -> new ArrayList<>()).add(d));
    List<NamespaceDiagnosis> groups = new ArrayList<>();
    byId.forEach((id, list) -> byInode.values().stream().filter(n -> n.id().equals(id)).findFirst()
        .ifPresent(ns -> groups.add(new NamespaceDiagnosis(ns, list, null, "not yet"))));
    groups.sort(Comparator.comparingLong(NamespaceDiagnosis::packets).reversed().thenComparing(g -> g.namespace().id()));
    return groups;
  }

  /** Diagnoses each group in turn while the budgets last; the probes each one ran come off the shared probe budget. */
  private List<NamespaceDiagnosis> diagnoseEach(List<NamespaceDiagnosis> groups, ProbeOutcome watch, List<String> notes) {
    int probesLeft = options.maxProbes() - 1; // the shared watch was one
    List<NamespaceDiagnosis> done = new ArrayList<>();
    for (NamespaceDiagnosis g : groups) {
      long secondsLeft = options.maxSeconds() - TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - start);
      if (probesLeft <= 0 || secondsLeft <= 0) {
        String why = probesLeft <= 0 ? "probe budget spent (" + options.maxProbes() + " probes)" : "time budget spent (" + options.maxSeconds()
            + " s)";
        done.add(new NamespaceDiagnosis(g.namespace(), g.drops(), null, why));
        continue;
      }
      progress.accept("diagnosing namespace " + g.namespace().label());
      // One more probe than is left: the namespace's drop watch is answered from the shared watch, not run again.
      DiagnosisOptions mine = new DiagnosisOptions(options.windowSeconds(), probesLeft + 1, (int) secondsLeft);
      EvidenceSource source = new SharedWatchEvidence(evidence, probes, watch.backend(), watch.raw());
      try {
        DiagnosisReport r = new DiagnosisSession(rules, knowledge, reasons, source, host, target.inNetns(g.namespace().id()), mine, progress,
            nanoTime, nanoTime.getAsLong()).run();
        probesLeft -= (int) r.evidence().stream().filter(p -> !p.probe().equals(SharedWatchEvidence.DROP_WATCH)).count();
        done.add(new NamespaceDiagnosis(g.namespace(), g.drops(), r, ""));
      } catch (CannotDiagnoseException e) {
        notes.add("namespace " + g.namespace().label() + " could not be diagnosed: " + e.getMessage());
        done.add(new NamespaceDiagnosis(g.namespace(), g.drops(), null, e.getMessage()));
      }
    }
    return done;
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
    long diagnosed = reports.stream().filter(r -> r.verdict() == Verdict.DIAGNOSED).count();
    String stop = namespaces.size() + " namespace(s) with drops of the target: " + diagnosed + " diagnosed, "
        + reports.stream().filter(r -> r.verdict() == Verdict.INCONCLUSIVE).count() + " inconclusive, "
        + namespaces.stream().filter(n -> n.report() == null).count() + " not diagnosed";
    List<ExplainedDiagnosis> diagnoses = reports.stream().flatMap(r -> r.diagnoses().stream()).toList();
    List<UnexplainedDrop> unexplained = reports.stream().flatMap(r -> r.unexplained().stream()).toList();
    return new DiagnosisReport(target, host, verdict, diagnoses, unexplained, drops, trail, stop, List.copyOf(notes), recorded, namespaces);
  }
}
