package dev.dropdx.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders a cause entry for one diagnosis, and checks an entry's templates without one.
 *
 * <p>A placeholder {@code {name}} is, in this order: a field of the current item (inside an
 * {@code each} choice), a value the rule bound or a global ({@link Templates#GLOBALS}), the
 * entry's fallback for a binding the rule left null, or a choice of the entry. The check makes sure every placeholder is one of these by declaration (the entry's
 * {@code bindings}, {@code items} and {@code choices}), so rendering never leaves a {@code {brace}}.
 */
public final class CauseTemplates {
  /** Choices may use choices; deeper than this is a cycle. */
  private static final int MAX_DEPTH = 8;

  private CauseTemplates() {}

  /**
   * Fills the entry's title, explanation, fix and verify.
   *
   * @param values the rule's bindings and the globals
   * @param items the rule's item lists
   * @throws KnowledgeBaseException when a placeholder or a choice's case cannot be resolved (the
   *     load-time check prevents the first; a bound word no case names is the second)
   */
  public static CauseText render(CauseEntry entry, Map<String, String> values, Map<String, List<Map<String, String>>> items) {
    Renderer r = new Renderer(entry, values, items);
    return new CauseText(r.fill(entry.title(), Map.of(), 0), r.fill(entry.explanation(), Map.of(), 0),
        entry.fix().stream().map(t -> r.fill(t, Map.of(), 0)).toList(),
        entry.verify().stream().map(t -> r.fill(t, Map.of(), 0)).toList());
  }

  /** The names a rule concluding this cause must bind: bindings and item lists. */
  public static Set<String> boundNames(CauseEntry entry) {
    Set<String> names = new HashSet<>(entry.bindings());
    names.addAll(entry.items().keySet());
    return names;
  }

  /**
   * Checks the entry's templates: every placeholder is a declared binding, a global or a choice
   * (inside an {@code each} text also a field of its items); every choice has exactly one form and
   * names a declared binding or item list; choices do not refer to themselves.
   *
   * @param file the entry's file, for the problems
   * @param fileText the file's text, to find the line of a bad placeholder
   */
  public static List<KnowledgeProblem> check(CauseEntry entry, String file, String fileText) {
    List<KnowledgeProblem> problems = new ArrayList<>();
    Set<String> plain = new HashSet<>(entry.bindings());
    plain.addAll(Templates.GLOBALS);
    plain.addAll(entry.choices().keySet());
    for (String template : entry.templates()) {
      unknown(template, plain, entry, file, fileText, problems, "");
    }
    for (Map.Entry<String, String> f : entry.fallbacks().entrySet()) {
      if (!entry.bindings().contains(f.getKey())) {
        problems.add(new KnowledgeProblem(file, lineOf(fileText, "\"" + f.getKey() + "\""), "fallback \"" + f.getKey() + "\" is not a declared binding"));
      }
      Set<String> others = new HashSet<>(plain);
      others.remove(f.getKey());
      unknown(f.getValue(), others, entry, file, fileText, problems, "in fallback \"" + f.getKey() + "\": ");
    }
    for (Map.Entry<String, TemplateChoice> named : entry.choices().entrySet()) {
      String name = named.getKey();
      TemplateChoice c = named.getValue();
      Set<String> scope = new HashSet<>(plain);
      String where = "in choice \"" + name + "\": ";
      if ((c.by() == null) == (c.each() == null)) {
        problems.add(new KnowledgeProblem(file, lineOf(fileText, "\"" + name + "\""), "choice \"" + name + "\" needs exactly one of \"by\" (with \"cases\") and \"each\" (with \"text\")"));
        continue;
      }
      if (c.each() != null) {
        List<String> fields = entry.items().get(c.each());
        if (fields == null) {
          problems.add(new KnowledgeProblem(file, lineOf(fileText, "\"" + c.each() + "\""), where + "\"each\": \"" + c.each() + "\" is not declared in \"items\""));
          continue;
        }
        if (c.text() == null) {
          problems.add(new KnowledgeProblem(file, lineOf(fileText, "\"" + name + "\""), where + "an \"each\" choice needs a \"text\""));
        }
        scope.addAll(fields);
      } else {
        boolean itemField = entry.items().values().stream().anyMatch(f -> f.contains(c.by()));
        if (!entry.bindings().contains(c.by()) && !itemField) {
          problems.add(new KnowledgeProblem(file, lineOf(fileText, "\"by\": \"" + c.by() + "\""), where + "\"by\": \"" + c.by() + "\" is not a declared binding or item field"));
        }
        if (itemField) {
          entry.items().values().stream().filter(f -> f.contains(c.by())).forEach(scope::addAll);
        }
        if (c.cases().isEmpty()) {
          problems.add(new KnowledgeProblem(file, lineOf(fileText, "\"" + name + "\""), where + "a \"by\" choice needs \"cases\""));
        }
      }
      for (String text : c.texts()) {
        unknown(text, scope, entry, file, fileText, problems, where);
      }
    }
    for (String name : entry.choices().keySet()) {
      if (reaches(entry, name, name, 0)) {
        problems.add(new KnowledgeProblem(file, lineOf(fileText, "\"" + name + "\""), "choice \"" + name + "\" uses itself"));
      }
    }
    return problems;
  }

  private static void unknown(String template, Set<String> known, CauseEntry entry, String file, String fileText,
      List<KnowledgeProblem> problems, String where) {
    for (String name : Templates.placeholders(template)) {
      if (known.contains(name)) {
        continue;
      }
      // One problem per unknown name, at its first line, naming the other lines it is on.
      String needle = "{" + name + "}";
      if (problems.stream().anyMatch(p -> p.message().contains("placeholder " + needle + " "))) {
        continue;
      }
      List<Integer> lines = linesOf(fileText, needle);
      String also = lines.size() > 1 ? " (also on line" + (lines.size() > 2 ? "s " : " ") + lines.subList(1, lines.size()).stream().map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(", ")) + ")" : "";
      problems.add(new KnowledgeProblem(file, lines.isEmpty() ? 0 : lines.get(0), where + "placeholder " + needle
          + " is not a declared binding of " + entry.id() + " (\"bindings\": " + entry.bindings() + "), a global "
          + new java.util.TreeSet<>(Templates.GLOBALS) + " or a choice " + entry.choices().keySet() + also));
    }
  }

  private static List<Integer> linesOf(String fileText, String needle) {
    List<Integer> lines = new ArrayList<>();
    String[] all = fileText == null ? new String[0] : fileText.split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      if (all[i].contains(needle)) {
        lines.add(i + 1);
      }
    }
    return lines;
  }

  private static boolean reaches(CauseEntry entry, String from, String target, int depth) {
    TemplateChoice c = entry.choices().get(from);
    if (c == null || depth > MAX_DEPTH) {
      return depth > MAX_DEPTH;
    }
    for (String text : c.texts()) {
      for (String used : Templates.placeholders(text)) {
        if (used.equals(target) || (entry.choices().containsKey(used) && reaches(entry, used, target, depth + 1))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The 1-based line of the first occurrence of the text in the file, 0 when absent. */
  static int lineOf(String fileText, String needle) {
    int at = fileText == null ? -1 : fileText.indexOf(needle);
    if (at < 0) {
      return 0;
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (fileText.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Resolves placeholders for one diagnosis. */
  private static final class Renderer {
    private final CauseEntry entry;
    private final Map<String, String> values;
    private final Map<String, List<Map<String, String>>> items;

    Renderer(CauseEntry entry, Map<String, String> values, Map<String, List<Map<String, String>>> items) {
      this.entry = entry;
      this.values = values;
      this.items = items;
    }

    String fill(String template, Map<String, String> item, int depth) {
      if (depth > MAX_DEPTH) {
        throw new KnowledgeBaseException(entry.id() + ": choices nest deeper than " + MAX_DEPTH + " (a cycle?)");
      }
      Function<String, String> resolve = name -> {
        String v = item.containsKey(name) ? item.get(name) : values.get(name);
        if (v != null) {
          return v;
        }
        if (entry.fallbacks().containsKey(name)) {
          return fill(entry.fallbacks().get(name), item, depth + 1);
        }
        TemplateChoice c = entry.choices().get(name);
        if (c == null) {
          throw new KnowledgeBaseException(entry.id() + ": placeholder {" + name + "} has no value (the rule did not bind it)");
        }
        return choose(name, c, item, depth);
      };
      return Templates.fill(template, resolve);
    }

    private String choose(String name, TemplateChoice c, Map<String, String> item, int depth) {
      if (c.each() != null) {
        List<String> parts = new ArrayList<>();
        for (Map<String, String> each : items.getOrDefault(c.each(), List.of())) {
          parts.add(fill(c.text(), each, depth + 1));
        }
        return String.join(c.join(), parts);
      }
      String key = item.containsKey(c.by()) ? item.get(c.by()) : values.get(c.by());
      String text = key == null ? null : c.cases().get(key);
      if (text == null) {
        text = c.otherwise();
      }
      if (text == null) {
        throw new KnowledgeBaseException(entry.id() + ": choice \"" + name + "\" has no case for " + c.by() + " = " + key);
      }
      return fill(text, item, depth + 1);
    }
  }
}
