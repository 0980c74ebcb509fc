package dev.dropdx.fact;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cause proven by a rule, with the facts that prove it and the values its explanation needs.
 *
 * @param cause cause id (kebab-case, has a knowledge-base entry)
 * @param rank 1 is the most likely when several causes are proven
 * @param rule the rule that concluded it
 * @param bindings values for the knowledge-base templates (iface, group, setting in force, ...)
 * @param evidence the facts that prove it, in words
 */
public record Diagnosis(String cause, int rank, String rule, Map<String, String> bindings, List<String> evidence) {

  public Diagnosis {
    bindings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(bindings));
    evidence = List.copyOf(evidence);
  }

  /** Builds a diagnosis from bindings and the evidence facts, as DRL finds handy. */
  public static Diagnosis of(String cause, int rank, String rule, Map<String, String> bindings, Evidence... proof) {
    return new Diagnosis(cause, rank, rule, bindings, Arrays.stream(proof).map(Evidence::describe).toList());
  }
}
