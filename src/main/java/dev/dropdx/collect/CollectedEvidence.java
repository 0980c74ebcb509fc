package dev.dropdx.collect;

import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.EvidenceRecord;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Target;
import java.util.List;

/**
 * What one `collect` gathered: everything an evidence bundle holds except a verdict.
 *
 * @param target what was asked about
 * @param host the host's capabilities
 * @param probes every probe that ran, with its raw output
 * @param trail each request of the plan: run, not available here, or failed
 * @param namespaces for a target in every namespace: each namespace evidence was gathered in, most packets first; else empty
 */
public record CollectedEvidence(Target target, HostFacts host, List<RecordedProbe> probes, List<TrailStep> trail,
    List<CollectedNamespace> namespaces) {

  public CollectedEvidence {
    probes = List.copyOf(probes);
    trail = List.copyOf(trail);
    namespaces = List.copyOf(namespaces);
  }

  /** One namespace's evidence (no namespace list). */
  public CollectedEvidence(Target target, HostFacts host, List<RecordedProbe> probes, List<TrailStep> trail) {
    this(target, host, probes, trail, List.of());
  }

  /** What goes into the bundle: verdict "collected" and no causes, since no rule has looked at the evidence yet. */
  public EvidenceRecord recorded() {
    return new EvidenceRecord(target, host, probes, trail, EvidenceBundle.COLLECTED, List.of());
  }

  /** Requests of the plan this host could not answer (not available or failed). */
  public long missed() {
    return trail.stream().filter(s -> s.backend().equals("-")).count();
  }
}
