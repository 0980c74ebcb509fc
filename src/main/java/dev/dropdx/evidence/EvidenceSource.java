package dev.dropdx.evidence;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;

/** Where a diagnosis gets its evidence: the live host, or a recorded bundle. */
public interface EvidenceSource {

  /** Whether this request can be answered, and if not, why. */
  Availability availability(ProbeRequest request);

  /** Answers the request. */
  ProbeOutcome gather(ProbeRequest request, ProbeContext context);

  /**
   * Answers a request from an earlier recording of the same run when the probe says that recording
   * answers it (a broader request's output, {@link dev.dropdx.probe.Probe#answerFrom}); empty when
   * it does not, or when this source keeps no such knowledge (default).
   */
  default java.util.Optional<ProbeOutcome> answerFrom(RecordedProbe earlier, ProbeRequest request, ProbeContext context) {
    return java.util.Optional.empty();
  }
}
