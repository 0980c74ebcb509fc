package dev.dropdx.evidence;

import java.util.Map;
import java.util.TreeMap;

/**
 * One probe run as an evidence bundle keeps it: the request and the raw output, so a replay can
 * interpret it again anywhere.
 *
 * @param probe probe id
 * @param params request parameters
 * @param backend what produced the output
 * @param raw the raw output
 */
public record RecordedProbe(String probe, Map<String, String> params, String backend, String raw) {

  public RecordedProbe {
    params = params == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    raw = raw == null ? "" : raw;
  }

  /** Same identity as {@link dev.dropdx.fact.ProbeRequest#key()}. */
  public String key() {
    return probe + params;
  }
}
