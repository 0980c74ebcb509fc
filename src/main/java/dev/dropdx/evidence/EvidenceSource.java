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
}
