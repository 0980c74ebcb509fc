package dev.dropdx.fact;

import java.util.Map;
import java.util.TreeMap;

/**
 * A rule asking for evidence: run this probe with these parameters.
 *
 * @param probe probe id, e.g. "sysctl"
 * @param params probe parameters (sorted, so equal requests are equal), e.g. {keys=net.ipv4.conf.all.rp_filter netns=dropdx-lab-r}
 * @param priority higher runs first, e.g. 50
 * @param askedBy the rule that asked, e.g. rp-filter: ask for rp_filter
 * @param why in plain words, why this evidence is wanted, e.g. the drop reason is IP_RPFILTER
 */
public record ProbeRequest(String probe, Map<String, String> params, int priority, String askedBy, String why) {

  public ProbeRequest {
    params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  /** Builds a request from alternating parameter names and values, as DRL finds handy. */
  public static ProbeRequest of(String probe, int priority, String askedBy, String why, String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("parameters must come in name/value pairs: " + probe);
    }
    Map<String, String> params = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return new ProbeRequest(probe, params, priority, askedBy, why);
  }

  /** A parameter, or null. */
  public String param(String name) {
    return params.get(name);
  }

  /** Identity of the evidence asked for: the probe and its parameters, not who asked. */
  public String key() {
    return probe + params;
  }
}
