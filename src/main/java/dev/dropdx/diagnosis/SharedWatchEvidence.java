package dev.dropdx.diagnosis;

import dev.dropdx.evidence.EvidenceSource;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;

/**
 * One namespace's evidence in a diagnosis of every namespace: the drop watch is answered from the
 * one host-wide watch (read again for this namespace's target, so its drops are the target's and
 * the rest are others'), every other probe by the underlying source (the live host, or a bundle).
 * So each namespace is diagnosed as if it had been asked about alone, without watching again.
 */
final class SharedWatchEvidence implements EvidenceSource {
  static final String DROP_WATCH = "drop-watch";

  private final EvidenceSource others;
  private final ProbeCatalog probes;
  private final String backend;
  private final String raw;

  /**
   * @param backend the backend that recorded the host-wide watch
   * @param raw its recorded output
   */
  SharedWatchEvidence(EvidenceSource others, ProbeCatalog probes, String backend, String raw) {
    this.others = others;
    this.probes = probes;
    this.backend = backend;
    this.raw = raw;
  }

  @Override
  public Availability availability(ProbeRequest request) {
    return request.probe().equals(DROP_WATCH) ? Availability.yes() : others.availability(request);
  }

  @Override
  public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
    if (!request.probe().equals(DROP_WATCH)) {
      return others.gather(request, context);
    }
    ProbeOutcome o = probes.find(DROP_WATCH).orElseThrow().interpret(request, backend, raw, context);
    return new ProbeOutcome(backend + ", the all-netns watch read for " + (context.target().netns().isEmpty() ? "dropdx's own namespace"
        : context.target().netns()), o.summary(), o.facts(), o.notes(), raw);
  }
}
