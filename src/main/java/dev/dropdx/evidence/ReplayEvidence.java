package dev.dropdx.evidence;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Evidence from a bundle: each request is answered by re-interpreting raw output recorded for the
 * same probe, either with the same parameters or by a broader recording the probe itself says
 * answers it ({@link Probe#answerFrom}, e.g. one sysctl from a dump of all conf sysctls), also
 * under an id the probe had in older versions ({@link Probe#formerIds}). A request
 * the bundle cannot answer is "not in the bundle", never guessed.
 */
public final class ReplayEvidence implements EvidenceSource {
  private final ProbeCatalog probes;
  private final List<RecordedProbe> recorded;

  public ReplayEvidence(ProbeCatalog probes, List<RecordedProbe> recorded) {
    this.probes = probes;
    this.recorded = List.copyOf(recorded);
  }

  @Override
  public Availability availability(ProbeRequest request) {
    Optional<Probe> probe = probes.find(request.probe());
    if (probe.isEmpty()) {
      return recorded.stream().anyMatch(r -> r.probe().equals(request.probe()))
          ? Availability.no("this dropdx has no probe '" + request.probe() + "' to read the recorded output")
          : notRecorded(request);
    }
    return answer(probe.get(), request).isPresent() ? Availability.yes() : notRecorded(request);
  }

  @Override
  public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
    Probe probe = probes.find(request.probe()).orElseThrow();
    Answer a = answer(probe, request).orElseThrow();
    ProbeOutcome o = probe.interpret(request, a.from().backend(), a.raw(), context);
    // The answer's own raw output, so a bundle saved from this replay holds exactly what was asked.
    return new ProbeOutcome("replay of " + a.from().backend(), o.summary(), o.facts(), o.notes(), a.raw());
  }

  /** An exact recording first (what the rules asked for when the bundle was made), then a broader one. */
  private Optional<Answer> answer(Probe probe, ProbeRequest request) {
    Optional<RecordedProbe> exact = recorded.stream().filter(r -> r.key().equals(request.key())).findFirst();
    if (exact.isPresent()) {
      return Optional.of(new Answer(exact.get(), exact.get().raw()));
    }
    // A recording under one of the probe's former ids (an older bundle) answers like its own.
    return recorded.stream().filter(r -> r.probe().equals(request.probe()) || probe.formerIds().contains(r.probe()))
        .flatMap(r -> probe.answerFrom(r.params(), r.raw(), request).map(raw -> new Answer(r, raw)).stream())
        .findFirst();
  }

  private static Availability notRecorded(ProbeRequest request) {
    return Availability.no("not in the bundle (" + request.probe() + " " + request.params() + " was not recorded)");
  }

  private record Answer(RecordedProbe from, String raw) {}
}
