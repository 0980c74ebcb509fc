package dev.dropdx.collect;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a collect plan: a probe request whose parameter values may name fields of the
 * target, the host or a fact an earlier step produced ({@code {Drop.iface}}).
 *
 * @param line line number in the plan, for the trail and for errors
 * @param probe probe id
 * @param params parameter templates
 * @param conditions all must hold for the request to be made
 * @param why in words, why this evidence is collected
 */
public record PlanStep(int line, String probe, Map<String, String> params, List<Condition> conditions, String why) {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\.([A-Za-z]+)}");

  public PlanStep {
    params = Map.copyOf(params);
    conditions = List.copyOf(conditions);
  }

  /** The sources the step reads: "target", "host", and fact type names. */
  public Set<String> sources() {
    Set<String> s = new TreeSet<>();
    params.values().forEach(v -> {
      Matcher m = PLACEHOLDER.matcher(v);
      while (m.find()) {
        s.add(m.group(1));
      }
    });
    conditions.forEach(c -> s.add(c.source()));
    return s;
  }

  /**
   * A test on one field: {@code SOURCE.FIELD==VALUE} or {@code SOURCE.FIELD!=VALUE}; a field
   * without a value equals "null".
   */
  public record Condition(String source, String field, boolean equal, String value) {}
}
