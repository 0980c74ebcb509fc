package dev.dropdx.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * A team's test case for its rules: a bundle and what the rules must (and must not) conclude from
 * it. Stored as {@code NAME.case.json} next to the rules, e.g. {"bundle": "cases/x.json", "verdict":
 * "diagnosed", "causes": ["x"], "notCauses": ["y"]}. Unknown keys are errors, so a misspelt key
 * cannot make a case pass.
 *
 * @param bundle bundle path, relative to the case file
 * @param verdict expected verdict (null: any)
 * @param cause one cause the rules must prove (kept for older case files; same as one entry of causes)
 * @param causes causes the rules must all prove
 * @param notCauses causes the rules must not prove (a near miss: this rule must not fire here)
 */
public record RuleCase(String bundle, String verdict, String cause, List<String> causes, List<String> notCauses) {

  public RuleCase {
    causes = causes == null ? List.of() : List.copyOf(causes);
    notCauses = notCauses == null ? List.of() : List.copyOf(notCauses);
  }

  /** Every cause the case requires: {@code cause} and {@code causes}. */
  public List<String> requiredCauses() {
    List<String> all = new ArrayList<>();
    if (cause != null) {
      all.add(cause);
    }
    causes.stream().filter(c -> !all.contains(c)).forEach(all::add);
    return all;
  }

  /** True when the case expects anything at all. */
  public boolean expectsSomething() {
    return verdict != null || !requiredCauses().isEmpty() || !notCauses.isEmpty();
  }

  /** What the case expects, in one line. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add(verdict == null ? "any verdict" : verdict);
    if (!requiredCauses().isEmpty()) {
      parts.add("causes " + String.join(",", requiredCauses()));
    }
    if (!notCauses.isEmpty()) {
      parts.add("not " + String.join(",", notCauses));
    }
    return String.join("; ", parts);
  }
}
