package dev.dropdx.probe.team;

import dev.dropdx.fact.TeamFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns a team probe's output into rows of fields, as its {@link TeamProbeSpec.Output} says. */
final class TeamOutput {
  /** Bounds, so a huge listing cannot flood the session. */
  static final int MAX_ROWS = 2000;
  static final int MAX_FIELDS = 1000;
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TeamOutput() {}

  /**
   * The rows, or the reason the output could not be read.
   *
   * @param rows each row's fields
   * @param error "" when read
   * @param truncated true when a bound cut rows or fields
   */
  record Rows(List<Map<String, String>> rows, String error, boolean truncated) {}

  static Rows read(TeamProbeSpec.Output output, String stdout) {
    return output.isJson() ? json(output.json(), stdout) : lines(output.lines(), stdout);
  }

  private static Rows json(String path, String stdout) {
    JsonNode node;
    try {
      node = stdout.isBlank() ? JSON.createArrayNode() : JSON.readTree(stdout);
    } catch (JacksonException e) {
      return new Rows(List.of(), "output is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), false);
    }
    if (!path.equals(".")) {
      for (String key : path.split("\\.")) {
        node = node == null ? null : node.get(key);
      }
      if (node == null) {
        return new Rows(List.of(), "the output has no \"" + path + "\"", false);
      }
    }
    List<JsonNode> elements = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(elements::add);
    } else {
      elements.add(node);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    boolean truncated = elements.size() > MAX_ROWS;
    for (JsonNode e : elements.subList(0, Math.min(MAX_ROWS, elements.size()))) {
      Map<String, String> fields = new LinkedHashMap<>();
      truncated |= flatten((e.isObject() || e.isArray()) ? "" : "value", e, fields);
      rows.add(fields);
    }
    return new Rows(rows, "", truncated);
  }

  /** Nested keys joined by dots, array elements by index; returns true when it hit the field bound. */
  private static boolean flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (out.size() >= MAX_FIELDS) {
      return true;
    }
    if (node.isObject()) {
      boolean cut = false;
      for (var e : node.properties()) {
        cut |= flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
      return cut;
    }
    if (node.isArray()) {
      boolean cut = false;
      for (int i = 0; i < node.size(); i++) {
        cut |= flatten(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, node.get(i), out);
      }
      return cut;
    }
    out.put(prefix, node.isNull() ? "" : node.asString());
    return false;
  }

  private static Rows lines(String regex, String stdout) {
    Pattern pattern = Pattern.compile(regex);
    List<String> names = new ArrayList<>();
    Matcher g = NAMED_GROUP.matcher(regex);
    while (g.find()) {
      names.add(g.group(1));
    }
    List<Map<String, String>> rows = new ArrayList<>();
    boolean truncated = false;
    for (String line : stdout.split("\n")) {
      Matcher m = pattern.matcher(line);
      if (!m.find()) {
        continue;
      }
      if (rows.size() == MAX_ROWS) {
        truncated = true;
        break;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (String name : names) {
        fields.put(name, m.group(name) == null ? "" : m.group(name));
      }
      rows.add(fields);
    }
    return new Rows(rows, "", truncated);
  }

  /** The facts of one run: its rows, then the run itself. */
  static List<Object> facts(String probe, java.util.Map<String, String> params, Rows rows, int exit) {
    String netns = params.getOrDefault("netns", "");
    List<Object> facts = new ArrayList<>();
    for (int i = 0; i < rows.rows().size(); i++) {
      facts.add(new TeamFact(probe, "row", netns, params, i, rows.rows().get(i)));
    }
    facts.add(new TeamFact(probe, "run", netns, params, -1,
        Map.of("exit", String.valueOf(exit), "rows", String.valueOf(rows.rows().size()), "error", rows.error())));
    return facts;
  }
}
