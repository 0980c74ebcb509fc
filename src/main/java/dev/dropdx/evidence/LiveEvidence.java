package dev.dropdx.evidence;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;

/** Evidence from this host: the catalog's probes, where the host can run them. */
public final class LiveEvidence implements EvidenceSource {
  private final ProbeCatalog probes;
  private final HostFacts host;

  public LiveEvidence(ProbeCatalog probes, HostFacts host) {
    this.probes = probes;
    this.host = host;
  }

  @Override
  public Availability availability(ProbeRequest request) {
    return probes.find(request.probe()).map(p -> p.availability(host))
        .orElse(Availability.no("no probe named '" + request.probe() + "' exists (known: " + probes.ids() + ")"));
  }

  @Override
  public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
    return probes.find(request.probe()).orElseThrow().run(request, context);
  }

  /** An earlier recording the probe itself says answers the request, read again as a replay would. */
  @Override
  public java.util.Optional<ProbeOutcome> answerFrom(RecordedProbe earlier, ProbeRequest request, ProbeContext context) {
    return probes.find(request.probe())
        .flatMap(p -> p.answerFrom(earlier.params(), earlier.raw(), request).map(raw -> p.interpret(request, earlier.backend(), raw, context)));
  }
}
