package dev.dropdx.fact;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cause proven by a rule, with the facts that prove it and the values its explanation needs.
 * Values only: every sentence is in the cause's knowledge-base entry, which names what it needs.
 *
 * @param cause cause id (kebab-case, has a knowledge-base entry), e.g. rp-filter
 * @param rank 1 is the most likely when several causes are proven, e.g. 1
 * @param rule the rule that concluded it, e.g. rp-filter: conclude strict mode
 * @param bindings values for the knowledge-base templates (iface, setting in force, a mode word, ...), e.g. {iface=veth0 mode=strict}
 * @param items item lists for the templates' {@code each} choices (e.g. the sockets on a port), each
 *     item a map of field values
 * @param evidence the facts that prove it, in words, e.g. [net.ipv4.conf.all.rp_filter = 1]
 */
public record Diagnosis(String cause, int rank, String rule, Map<String, String> bindings,
    Map<String, List<Map<String, String>>> items, List<String> evidence) {

  public Diagnosis {
    bindings = Collections.unmodifiableSortedMap(new TreeMap<>(bindings));
    Map<String, List<Map<String, String>>> copy = new TreeMap<>();
    items.forEach((k, v) -> copy.put(k, v.stream().map(i -> Collections.unmodifiableMap(new LinkedHashMap<>(i))).toList()));
    items = Collections.unmodifiableMap(copy);
    evidence = List.copyOf(evidence);
  }

  /** A diagnosis without item lists. */
  public Diagnosis(String cause, int rank, String rule, Map<String, String> bindings, List<String> evidence) {
    this(cause, rank, rule, bindings, Map.of(), evidence);
  }

  /**
   * Builds a diagnosis from bindings and the evidence facts, as DRL finds handy: a binding whose
   * value is a list (of maps) is an item list, every other value is taken as text.
   */
  @SuppressWarnings("unchecked")
  public static Diagnosis of(String cause, int rank, String rule, Map<String, ?> bindings, Evidence... proof) {
    Map<String, String> values = new TreeMap<>();
    Map<String, List<Map<String, String>>> items = new TreeMap<>();
    bindings.forEach((k, v) -> {
      if (v instanceof List<?> list) {
        items.put(k, (List<Map<String, String>>) list);
      } else {
        values.put(k, v == null ? null : String.valueOf(v));
      }
    });
    return new Diagnosis(cause, rank, rule, values, items, Arrays.stream(proof).map(Evidence::describe).toList());
  }
}
