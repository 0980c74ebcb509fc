package dev.dropdx.probe;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;

/** Answers one kind of question (where packets drop, a sysctl, a route) with facts. */
public interface Probe {

  /** The id rules use in a {@link ProbeRequest}. */
  String id();

  /** Whether this host can run the probe, and if not, why and what to install. */
  Availability availability(HostFacts host);

  /** Gathers the evidence. Failures the rules should know about come back as facts or notes. */
  ProbeOutcome run(ProbeRequest request, ProbeContext context);

  /**
   * Turns raw output this probe recorded earlier (an evidence bundle) into the same outcome
   * {@link #run} gave, without touching the host. Probes that run() through this method replay
   * exactly; the default says the probe cannot be replayed.
   */
  default ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    throw new UnsupportedOperationException("probe " + id() + " cannot be replayed from a bundle");
  }
}
