package dev.dropdx.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What `collect` gathers, read from a plan file rather than written in Java: one probe request
 * per line, in order. Syntax (see {@code collect/first-round.plan}):
 *
 * <pre>
 * require PROBE [PROBE ...]                  at least one of these must be able to run
 * PROBE [name=value ...] [when SRC.FIELD==VALUE|!=VALUE ...] [why="..."]
 * </pre>
 *
 * Values may be quoted ("a b") and may hold {@code {SOURCE.FIELD}}: SOURCE is target, host or a
 * fact type an earlier line produced (Drop, VxlanLink, ...), in which case the line is made once
 * per such fact.
 *
 * @param name where the plan came from
 * @param required probes of which at least one must be available
 * @param steps the requests, in order
 */
public record CollectPlan(String name, List<String> required, List<PlanStep> steps) {
  private static final Pattern WORD = Pattern.compile("(?:[^\\s\"]|\"[^\"]*\")+");
  private static final Pattern CONDITION = Pattern.compile("([A-Za-z]+)\\.([A-Za-z]+)(==|!=)(\\S+)");
  private static final Pattern PROBE_ID = Pattern.compile("[a-z][a-z0-9-]*");

  public CollectPlan {
    required = List.copyOf(required);
    steps = List.copyOf(steps);
  }

  /** Parses plan text; {@code name} labels errors. */
  public static CollectPlan parse(String text, String name) {
    List<String> required = new ArrayList<>();
    List<PlanStep> steps = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> words = words(line, name, i + 1);
      if (words.get(0).equals("require")) {
        int number = i + 1;
        words.stream().skip(1).forEach(w -> required.add(probeId(w, name, number)));
      } else {
        steps.add(step(words, name, i + 1));
      }
    }
    if (steps.isEmpty()) {
      throw new CollectPlanException(name + ": the plan lists no probe requests");
    }
    return new CollectPlan(name, required, steps);
  }

  private static PlanStep step(List<String> words, String name, int line) {
    String probe = probeId(words.get(0), name, line);
    Map<String, String> params = new LinkedHashMap<>();
    List<PlanStep.Condition> conditions = new ArrayList<>();
    String why = "the standard first-round evidence (collect plan line " + line + ")";
    boolean inWhen = false;
    for (String word : words.subList(1, words.size())) {
      int eq = word.indexOf('=');
      if (word.startsWith("why=")) {
        why = unquote(word.substring(4));
      } else if (word.equals("when")) {
        inWhen = true;
      } else if (inWhen) {
        Matcher m = CONDITION.matcher(word);
        if (!m.matches()) {
          throw new CollectPlanException(name + ":" + line + ": '" + word + "' is not a condition (example: Drop.match!=OTHER)");
        }
        conditions.add(new PlanStep.Condition(m.group(1), m.group(2), m.group(3).equals("=="), m.group(4)));
      } else if (eq > 0) {
        params.put(word.substring(0, eq), unquote(word.substring(eq + 1)));
      } else {
        throw new CollectPlanException(name + ":" + line + ": unexpected '" + word + "' (parameters are name=value, before 'when'; why=\"...\" anywhere)");
      }
    }
    return new PlanStep(line, probe, params, conditions, why);
  }

  /** Splits a line into words; double quotes keep blanks inside a word. */
  private static List<String> words(String line, String name, int number) {
    if (line.chars().filter(c -> c == '"').count() % 2 != 0) {
      throw new CollectPlanException(name + ":" + number + ": unclosed quote");
    }
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(line);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
  }

  private static String probeId(String word, String name, int line) {
    if (!PROBE_ID.matcher(word).matches()) {
      throw new CollectPlanException(name + ":" + line + ": '" + word + "' is not a probe id (lower case, digits, '-')");
    }
    return word;
  }
}
