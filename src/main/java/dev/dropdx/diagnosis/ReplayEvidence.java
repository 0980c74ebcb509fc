package dev.dropdx.diagnosis;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Evidence from a bundle: each request is answered by re-interpreting the raw output recorded for
 * the same probe and parameters. A request the bundle lacks is "not in the bundle", never guessed.
 */
final class ReplayEvidence implements EvidenceSource {
  private final ProbeCatalog probes;
  private final Map<String, RecordedProbe> recorded;

  ReplayEvidence(ProbeCatalog probes, List<RecordedProbe> recorded) {
    this.probes = probes;
    this.recorded = recorded.stream().collect(Collectors.toMap(RecordedProbe::key, Function.identity(), (a, b) -> a));
  }

  @Override
  public Availability availability(ProbeRequest request) {
    if (!recorded.containsKey(request.key())) {
      return Availability.no("not in the bundle (" + request.probe() + " " + request.params() + " was not recorded)");
    }
    return probes.find(request.probe()).isPresent() ? Availability.yes()
        : Availability.no("this dropdx has no probe '" + request.probe() + "' to read the recorded output");
  }

  @Override
  public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
    RecordedProbe r = recorded.get(request.key());
    ProbeOutcome o = probes.find(request.probe()).orElseThrow().interpret(request, r.raw(), context);
    return new ProbeOutcome("replay of " + r.backend(), o.summary(), o.facts(), o.notes(), r.raw());
  }
}
