package dev.dropdx.evidence;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The probes one run has already run, by request, so no request is run twice: an equal request
 * (same probe and parameters, whoever asks) gets the first outcome back, and a narrower one gets an
 * earlier broader recording read again when the source says it answers it (as a replay does, e.g.
 * one sysctl from an earlier read of several, any port's sockets from a read of them all).
 */
final class ProbeMemo {
  private final List<Entry> entries = new ArrayList<>();

  /**
   * What answered a request without running it.
   *
   * @param step the trail step that ran the probe
   * @param backend what ran then
   * @param outcome the answer: the earlier outcome, or the earlier recording read for this request
   */
  record Hit(int step, String backend, ProbeOutcome outcome) {}

  private record Entry(int step, RecordedProbe recorded, ProbeOutcome outcome) {}

  /** Remembers what a trail step ran. */
  void remember(int step, RecordedProbe recorded, ProbeOutcome outcome) {
    entries.add(new Entry(step, recorded, outcome));
  }

  /** The earliest step that answers the request: the same request first, then a broader recording. */
  Optional<Hit> find(ProbeRequest request, EvidenceSource source, ProbeContext context) {
    for (Entry e : entries) {
      if (e.recorded().key().equals(request.key())) {
        return Optional.of(new Hit(e.step(), e.outcome().backend(), e.outcome()));
      }
    }
    for (Entry e : entries) {
      if (e.recorded().probe().equals(request.probe())) {
        Optional<ProbeOutcome> answer = source.answerFrom(e.recorded(), request, context);
        if (answer.isPresent()) {
          return Optional.of(new Hit(e.step(), e.outcome().backend(), answer.get()));
        }
      }
    }
    return Optional.empty();
  }
}
