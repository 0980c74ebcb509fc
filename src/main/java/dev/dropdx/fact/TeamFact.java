package dev.dropdx.fact;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a team probe (declared as data in a team directory's {@code probes.json}) found: one row of
 * its output, or the run itself. A JSON output gives one row per element of its row array, with
 * nested keys joined by dots and array elements by their index ({@code options.handle},
 * {@code options.bytecode.insns.1.k}); a line pattern gives one row per matching line, with its
 * named groups. Every run also inserts one fact of kind "run" (fields {@code exit}, {@code rows},
 * {@code error}), so a rule can tell "ran and found nothing" from "not run".
 *
 * @param probe the probe id rules asked for, e.g. team:tc-ingress-filters
 * @param kind "row" for a row of the output, "run" for the run's summary, e.g. row
 * @param netns namespace it ran in ("" = dropdx's own), e.g. dropdx-lab-r
 * @param params the request's parameters, netns included, e.g. {iface=veth0, netns=dropdx-lab-r}
 * @param row the row's index in the output, from 0 (-1 for the run), e.g. 1
 * @param fields the row's values as text, by name, e.g. {pref=4000, options.handle=0x51}
 */
public record TeamFact(String probe, String kind, String netns, Map<String, String> params, int row, Map<String, String> fields)
    implements Evidence {

  public TeamFact {
    params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    fields = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fields));
  }

  /** A request parameter's value, or "" when the request did not pass it. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  /** A field's value, or "" when the row has no such field (so rules can compare without null checks). */
  public String value(String name) {
    return fields.getOrDefault(name, "");
  }

  /** Whether any field whose name matches {@code namePattern} (a regex) has exactly this value. */
  public boolean anyValue(String namePattern, String value) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(namePattern);
    return fields.entrySet().stream().anyMatch(e -> p.matcher(e.getKey()).matches() && e.getValue().equals(value));
  }

  @Override
  public String describe() {
    String text = probe + " " + params + (row < 0 ? " ran: " : " row " + row + ": ") + fields;
    return text.length() > 600 ? text.substring(0, 600) + " ..." : text;
  }
}
