package dev.dropdx.probe;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import java.util.Map;
import java.util.Optional;

/** Answers one kind of question (where packets drop, a sysctl, a route) with facts. */
public interface Probe {

  /** The id rules use in a {@link ProbeRequest}. */
  String id();

  /**
   * What the probe answers, its parameters, the facts it inserts and its backends: the source of
   * `rules probes` and docs/probes.md, kept here so the reference cannot drift.
   */
  ProbeInfo info();

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

  /**
   * Replays a recording made by {@code backend} (as the bundle names it). Default: the backend
   * does not matter and {@link #interpret(ProbeRequest, String, ProbeContext)} reads it.
   */
  default ProbeOutcome interpret(ProbeRequest request, String backend, String raw, ProbeContext context) {
    return interpret(request, raw, context);
  }

  /**
   * Probe ids under which older dropdx versions recorded this probe's output (a bundle keeps
   * them), so such a recording still answers a request for this probe. Default: none.
   */
  default java.util.Set<String> formerIds() {
    return java.util.Set.of();
  }

  /**
   * The recorded output that answers {@code wanted}, taken from a run of this probe recorded with
   * {@code recordedParams} (possibly a broader request, such as `collect` records: all conf
   * sysctls, every socket of a namespace), or empty when that recording cannot answer it. What
   * comes back is fed to {@link #interpret} with {@code wanted}. Default: only a recording with the
   * same parameters answers, unchanged.
   */
  default Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    return recordedParams.equals(wanted.params()) ? Optional.of(recordedRaw) : Optional.empty();
  }

  /** True when the recorded and the wanted request name the same value for {@code param} (absent = ""). */
  static boolean same(Map<String, String> recordedParams, ProbeRequest wanted, String param) {
    return recordedParams.getOrDefault(param, "").equals(wanted.params().getOrDefault(param, ""));
  }

  /**
   * A timed probe's {@code seconds} parameter (default 1) when it is a positive finite number; empty
   * for anything else, e.g. the value of a damaged bundle, which then answers nothing.
   */
  static java.util.OptionalDouble seconds(Map<String, String> params) {
    try {
      double s = Double.parseDouble(params.getOrDefault("seconds", "1"));
      return Double.isFinite(s) && s > 0 ? java.util.OptionalDouble.of(s) : java.util.OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return java.util.OptionalDouble.empty();
    }
  }
}
