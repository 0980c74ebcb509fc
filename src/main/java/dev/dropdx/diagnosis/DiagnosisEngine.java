package dev.dropdx.diagnosis;

import dev.dropdx.evidence.LiveEvidence;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.ReplayEvidence;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Target;
import dev.dropdx.knowledge.KnowledgeBaseProvider;
import dev.dropdx.knowledge.ReasonCatalogProvider;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.host.HostFactsDetector;
import dev.dropdx.probe.team.TeamProbes;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookProvider;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.kie.api.runtime.KieSession;
import org.springframework.stereotype.Component;

/** Runs diagnoses: detects the host, then hands one {@link DiagnosisSession} the rules and probes (the built-in ones and the rule book's team probes). */
@Component
public class DiagnosisEngine {
  private final RuleBookProvider rules;
  private final KnowledgeBaseProvider knowledge;
  private final ReasonCatalogProvider reasons;
  private final ProbeCatalog probes;
  private final HostFactsDetector detector;
  private final TeamProbes teamProbes;

  public DiagnosisEngine(RuleBookProvider rules, KnowledgeBaseProvider knowledge, ReasonCatalogProvider reasons, ProbeCatalog probes,
      HostFactsDetector detector, TeamProbes teamProbes) {
    this.teamProbes = teamProbes;
    this.rules = rules;
    this.knowledge = knowledge;
    this.reasons = reasons;
    this.probes = probes;
    this.detector = detector;
  }

  /**
   * Loads the rules, the knowledge base and the reason pages now, so a diagnosis that follows starts
   * at once (the lab calls it while it builds a scenario). A failure here is left for that
   * diagnosis to report: the providers load again when asked.
   */
  public void prepare() {
    try {
      RuleBook book = rules.get();
      knowledge.get();
      reasons.get();
      warmUp(book);
    } catch (RuntimeException e) {
      // the diagnosis asks again and reports it
    }
  }

  /**
   * Fires the rules once on a made-up target in a throw-away session: the first fire of a process
   * loads and links the rule engine's classes (measured: 0.2 s idle, up to 1 s on a loaded host),
   * which the real diagnosis then skips. Nothing runs: the probe requests die with the session.
   */
  private static void warmUp(RuleBook book) {
    KieSession session = book.newSession();
    try {
      session.insert(new Target("198.18.0.1", "198.18.0.2", 1, null, null, ""));
      session.insert(new HostFacts("warm-up", true, null, Map.of(), List.of(), List.of()));
      session.fireAllRules(1_000);
    } finally {
      session.dispose();
    }
  }

  /** Diagnoses the target on this host. */
  public DiagnosisReport diagnose(Target target, DiagnosisOptions options, Consumer<String> progress) {
    var book = rules.get(); // broken rules stop us before touching the host
    var kb = knowledge.get();
    var pages = reasons.get();
    long start = System.nanoTime();
    HostFacts host = detector.detect();
    ProbeCatalog catalog = teamProbes.catalog(probes, book.teamProbes());
    if (target.allNetns()) {
      return new AllNetnsDiagnosis(book, kb, pages, catalog, new LiveEvidence(catalog, host), host, target, options, progress, System::nanoTime,
          start).run();
    }
    return new DiagnosisSession(book, kb, pages, new LiveEvidence(catalog, host), host, target, options, progress, System::nanoTime, start).run();
  }

  /**
   * Diagnoses recorded evidence offline: the bundle's target and host, each probe answered from its
   * recorded output. Needs no privileges and never touches this host.
   */
  public DiagnosisReport replay(Target target, HostFacts host, List<RecordedProbe> recorded, DiagnosisOptions options) {
    return replay(rules.get(), target, host, recorded, options);
  }

  /** Replays with a given rule book (e.g. a team's rules under test) instead of the active one. */
  public DiagnosisReport replay(RuleBook book, Target target, HostFacts host, List<RecordedProbe> recorded, DiagnosisOptions options) {
    var kb = knowledge.get();
    ProbeCatalog catalog = teamProbes.catalog(probes, book.teamProbes());
    if (target.allNetns()) {
      // The bundle's namespace map (in the recorded watch) names the namespaces as the live run did.
      return new AllNetnsDiagnosis(book, kb, reasons.get(), catalog, new ReplayEvidence(catalog, recorded), host, target, options, line -> { },
          System::nanoTime, System.nanoTime()).run();
    }
    return new DiagnosisSession(book, kb, reasons.get(), new ReplayEvidence(catalog, recorded), host, target, options, line -> { },
        System::nanoTime, System.nanoTime()).run();
  }
}
