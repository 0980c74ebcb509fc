package dev.dropdx.evidence;

import java.util.List;

/**
 * One step of the reasoning trail.
 *
 * @param step 0 for host detection, then 1, 2, ...
 * @param probe probe id
 * @param params the probe's parameters
 * @param backend what ran ("-" when the probe could not run)
 * @param askedBy the rule that asked
 * @param why why the rule wanted it, in words
 * @param atMillis when the step started, from the start of the diagnosis
 * @param millis how long it took
 * @param result what it found, in one line
 * @param notes what the user should know about this evidence
 */
public record TrailStep(
    int step, String probe, java.util.Map<String, String> params, String backend, String askedBy, String why, long atMillis, long millis, String result,
    List<String> notes) {

  public TrailStep {
    notes = List.copyOf(notes);
    params = params == null ? java.util.Map.of() : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(params));
  }
}
