package dev.dropdx.diagnosis;

import dev.dropdx.evidence.EvidenceRecorder;
import dev.dropdx.evidence.EvidenceSource;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.NoDropWatch;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.knowledge.CauseEntry;
import dev.dropdx.knowledge.CauseTemplates;
import dev.dropdx.knowledge.CauseText;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.knowledge.ReasonCatalog;
import dev.dropdx.knowledge.Templates;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.rules.RuleBook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.kie.api.runtime.KieSession;

/**
 * One diagnosis: a Drools session holding the target and host facts; rules ask for evidence with
 * {@link ProbeRequest}s, this class runs the best one the host can run (through the
 * {@link EvidenceRecorder}, which keeps the trail and the raw output), inserts its facts, and fires
 * again, until a {@link Diagnosis} is proven, nothing more is asked, or the budget is spent. The
 * page of each drop reason the target's drops show goes in as a fact too, so rules can ask the
 * evidence it names; when nothing is proven, the report fills those pages in with what was seen.
 */
final class DiagnosisSession {
  /** Bounds one fireAllRules, so two rules re-triggering each other cannot spin forever. */
  private static final int MAX_FIRINGS_PER_ROUND = 10_000;

  private final RuleBook rules;
  private final KnowledgeBase knowledge;
  private final ReasonCatalog reasons;
  private final EvidenceRecorder recorder;
  private final HostFacts host;
  private final Target target;
  private final DiagnosisOptions options;
  /** The monotonic clock the time budget and the trail's times are read from (System::nanoTime; tests pass a fake). */
  private final LongSupplier nanoTime;
  private final long start;
  private final List<String> notes = new ArrayList<>();
  private final Set<String> settled = new HashSet<>();
  /** The drop reasons whose page is already in the session. */
  private final Set<String> pagesInserted = new HashSet<>();
  /** How often each rule fired in the current round, to name the culprits when a round never settles. */
  private final Map<String, Integer> firedThisRound = new HashMap<>();

  DiagnosisSession(RuleBook rules, KnowledgeBase knowledge, ReasonCatalog reasons, EvidenceSource evidence, HostFacts host,
      Target target, DiagnosisOptions options, Consumer<String> progress, LongSupplier nanoTime, long start) {
    this.rules = rules;
    this.knowledge = knowledge;
    this.reasons = reasons;
    this.host = host;
    this.target = target;
    this.options = options;
    this.nanoTime = nanoTime;
    this.start = start;
    this.recorder = new EvidenceRecorder(evidence, new ProbeContext(target, host, options.windowSeconds(), progress),
        EvidenceRecorder.Style.DIAGNOSE, nanoTime, start);
  }

  DiagnosisReport run() {
    KieSession session = rules.newSession();
    session.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener() {
      @Override
      public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
        firedThisRound.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
      }
    });
    try {
      session.insert(target);
      session.insert(host);
      String stop = loop(session);
      return report(session, stop);
    } finally {
      session.dispose();
    }
  }

  private String loop(KieSession session) {
    int probesRun = 0;
    while (true) {
      firedThisRound.clear();
      int fired = session.fireAllRules(MAX_FIRINGS_PER_ROUND);
      if (fired >= MAX_FIRINGS_PER_ROUND) {
        List<Map.Entry<String, Integer>> top = firedThisRound.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).limit(3).toList();
        return stopped(top.get(0).getKey(), "firing limit: the rules fired " + fired + " times without settling ("
            + top.stream().map(e -> "\"" + e.getKey() + "\" " + e.getValue() + "x").reduce((a, b) -> a + ", " + b).orElse("")
            + "); check for rules that re-trigger each other");
      }
      if (!facts(session, Diagnosis.class).isEmpty()) {
        return "a cause was proven";
      }
      Optional<ProbeRequest> next = nextRunnable(session);
      if (next.isEmpty()) {
        return "no rule asks for more evidence";
      }
      if (probesRun >= options.maxProbes()) {
        return stopped(next.get().askedBy(), "probe budget spent (" + options.maxProbes() + " probes); next wanted: " + next.get().probe()
            + " asked by \"" + next.get().askedBy() + "\"");
      }
      if (millisSince(start) > TimeUnit.SECONDS.toMillis(options.maxSeconds())) {
        return stopped(next.get().askedBy(), "time budget spent (" + options.maxSeconds() + " s); next wanted: " + next.get().probe()
            + " asked by \"" + next.get().askedBy() + "\"");
      }
      probesRun++;
      settled.add(next.get().key());
      recorder.run(next.get()).ifPresent(outcome -> outcome.facts().forEach(session::insert));
      insertReasonPages(session);
    }
  }

  /** Puts the page of every reason the target's drops show into the session, once each. */
  private void insertReasonPages(KieSession session) {
    for (Drop d : facts(session, Drop.class)) {
      if (d.mayBeTarget() && pagesInserted.add(d.reason())) {
        session.insert(reasons.pageOrFallback(d.reason()));
      }
    }
  }

  /** Records in the trail that a budget stopped the loop, naming the rule that wanted more; returns why. */
  private String stopped(String rule, String why) {
    recorder.stopped(rule, why);
    return why;
  }

  /** The highest-priority request not yet settled whose probe this host can run; others are noted once. */
  private Optional<ProbeRequest> nextRunnable(KieSession session) {
    List<ProbeRequest> pending = facts(session, ProbeRequest.class).stream()
        .filter(r -> !settled.contains(r.key()))
        .sorted(Comparator.comparingInt(ProbeRequest::priority).reversed().thenComparing(ProbeRequest::key))
        .toList();
    for (ProbeRequest r : pending) {
      if (recorder.available(r)) {
        return Optional.of(r);
      }
      settled.add(r.key());
    }
    return Optional.empty();
  }

  private DiagnosisReport report(KieSession session, String stop) {
    List<Drop> drops = DropOrder.sorted(facts(session, Drop.class));
    List<Diagnosis> proven = facts(session, Diagnosis.class);
    List<TrailStep> trail = recorder.trail();
    boolean watched = !facts(session, DropWatchSummary.class).isEmpty();
    if (!watched && proven.isEmpty()) {
      // What could not run, and what the host detection found missing (e.g. why tracefs is absent).
      String reasons = java.util.stream.Stream.concat(trail.stream().filter(s -> s.backend().equals("-")).map(TrailStep::result),
              host.notes().stream().filter(n -> n.contains("tracefs")))
          .distinct().reduce((a, b) -> a + "; " + b).orElse(stop);
      throw new CannotDiagnoseException("no drop evidence could be gathered on this host: " + reasons);
    }
    List<DropWatchSummary> watches = facts(session, DropWatchSummary.class);
    if (proven.isEmpty() && watches.stream().noneMatch(DropWatchSummary::watched)) {
      // Counters alone cannot show that nothing was dropped: saying "no drops" (exit 4) would mislead.
      throw new CannotDiagnoseException("no backend can watch kfree_skb on this host (" + host.notes().stream()
          .filter(n -> n.contains("drop reason")).findFirst().orElse("no drop reasons") + "): "
          + facts(session, NoDropWatch.class).stream().flatMap(n -> n.reasons().stream()).distinct()
              .reduce((x, y) -> x + "; " + y).orElse("only counters could be read"));
    }
    Verdict verdict = !proven.isEmpty() ? Verdict.DIAGNOSED
        : drops.stream().anyMatch(Drop::mayBeTarget) ? Verdict.INCONCLUSIVE : Verdict.NO_DROPS;
    if (verdict == Verdict.NO_DROPS) {
      notes.add("nothing matched " + target.describe() + ". Drops can still hide: NIC or driver drops (ip -s link, "
          + "ethtool -S), drops before the tracepoint, traffic not flowing during the window, or the wrong namespace");
    }
    List<ExplainedDiagnosis> explained = proven.stream()
        .sorted(Comparator.comparingInt(Diagnosis::rank).thenComparing(Diagnosis::cause))
        .map(this::explain)
        .toList();
    List<UnexplainedDrop> unexplained = verdict == Verdict.INCONCLUSIVE
        ? new UnexplainedDrops(reasons).of(drops, facts(session, Counter.class), target) : List.of();
    return new DiagnosisReport(target, host, verdict, explained, unexplained, drops, trail, stop, List.copyOf(notes),
        recorder.recorded());
  }

  private ExplainedDiagnosis explain(Diagnosis d) {
    Map<String, String> values = new HashMap<>(Templates.globals(target.netns()));
    values.putAll(d.bindings());
    Optional<CauseEntry> entry = knowledge.find(d.cause());
    if (entry.isEmpty()) {
      return new ExplainedDiagnosis(d.cause(), d.rank(), d.cause(), "(no knowledge-base entry for " + d.cause() + ")",
          List.of(), List.of(), d.evidence(), d.rule());
    }
    CauseText text = CauseTemplates.render(entry.get(), values, d.items());
    return new ExplainedDiagnosis(d.cause(), d.rank(), text.title(), text.explanation(), text.fix(), text.verify(), d.evidence(), d.rule());
  }

  private static <T> List<T> facts(KieSession session, Class<T> type) {
    return session.getObjects(type::isInstance).stream().map(type::cast).toList();
  }

  private long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - nanos);
  }
}
