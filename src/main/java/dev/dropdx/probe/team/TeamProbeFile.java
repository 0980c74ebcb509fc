package dev.dropdx.probe.team;

import dev.dropdx.trust.PathTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the team probes of rules directories: the file {@value #FILE} at the top of each. The file
 * is strict: unknown keys, an unknown parameter or type, a placeholder no parameter declares, a
 * command off the {@link AllowList}, a line pattern without named groups are each a problem with
 * file and line, and a file with any problem gives no probes at all.
 */
public final class TeamProbeFile {
  /** The file a team directory declares its probes in. */
  public static final String FILE = "probes.json";

  private static final Set<String> PROBE_KEYS = Set.of("name", "answers", "params", "command", "json", "lines");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");
  private static final Pattern PARAM = Pattern.compile("[a-z][A-Za-z0-9]{0,30}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TeamProbeFile() {}

  /**
   * What the directories' probe files declare.
   *
   * @param probes the probes of every file without problems, in directory order
   * @param problems every problem found, with file and line
   * @param declared the ids of every probe named in the files, also of those with problems (so a
   *     rule asking for one is not reported a second time as asking for an unknown probe)
   */
  public record Loaded(List<TeamProbeSpec> probes, List<TeamProbeProblem> problems, Set<String> declared) {

    public Loaded {
      probes = List.copyOf(probes);
      problems = List.copyOf(problems);
      declared = Set.copyOf(declared);
    }
  }

  /**
   * Reads {@value #FILE} of each directory that has one; refuses a file a stranger could change
   * (the trust rules of the rules files: its commands run as root).
   */
  public static Loaded load(List<Path> directories, PathTrust trust) {
    List<TeamProbeSpec> probes = new ArrayList<>();
    List<TeamProbeProblem> problems = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    Set<String> declared = new java.util.HashSet<>();
    for (Path dir : directories) {
      Path file = dir.resolve(FILE);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      trust.requireTrusted(file, "team probe file");
      List<TeamProbeProblem> fileProblems = new ArrayList<>();
      List<TeamProbeSpec> fileProbes = parse(file.toString(), read(file), fileProblems, declared);
      for (TeamProbeSpec p : fileProbes) {
        String earlier = seen.putIfAbsent(p.name(), p.file() + ":" + p.line());
        if (earlier != null) {
          fileProblems.add(new TeamProbeProblem(p.file(), p.line(), "team probe \"" + p.name() + "\" is already declared at " + earlier));
        }
      }
      problems.addAll(fileProblems);
      if (fileProblems.isEmpty()) {
        probes.addAll(fileProbes);
      }
    }
    return new Loaded(probes, problems, declared);
  }

  /**
   * The ids of the probes the directories' files name (valid or not), for checks that run after
   * {@link #load} judged the files (nothing here runs: only names are read).
   */
  public static Set<String> declaredIds(List<Path> directories) {
    Set<String> declared = new java.util.HashSet<>();
    for (Path dir : directories) {
      Path file = dir.resolve(FILE);
      if (Files.isRegularFile(file)) {
        parse(file.toString(), read(file), new ArrayList<>(), declared);
      }
    }
    return declared;
  }

  /** Parses one probe file's text; problems go to {@code problems}, every named probe's id to {@code declared}; the probes without a problem are returned. */
  public static List<TeamProbeSpec> parse(String file, String text, List<TeamProbeProblem> problems, Set<String> declared) {
    JsonNode root;
    Lines lines;
    try {
      root = JSON.readTree(text);
      lines = Lines.of(text);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      problems.add(new TeamProbeProblem(file, line, "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")));
      return List.of();
    }
    if (root == null || !root.isObject() || root.get("probes") == null || !root.get("probes").isArray()) {
      problems.add(new TeamProbeProblem(file, 1, "a probe file is {\"probes\": [ ... ]}"));
      return List.of();
    }
    for (String key : root.propertyNames()) {
      if (!key.equals("probes")) {
        problems.add(new TeamProbeProblem(file, lines.top.getOrDefault(key, 1), "unknown key \"" + key + "\" (known: probes)"));
      }
    }
    List<TeamProbeSpec> out = new ArrayList<>();
    JsonNode list = root.get("probes");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Integer> keyLines = i < lines.probeKeys.size() ? lines.probeKeys.get(i) : Map.of();
      int line = i < lines.probeStarts.size() ? lines.probeStarts.get(i) : 1;
      JsonNode name = list.get(i).get("name");
      if (name != null && name.isString()) {
        declared.add(TeamProbeSpec.PREFIX + name.asString());
      }
      one(file, line, keyLines, list.get(i), problems).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<TeamProbeSpec> one(String file, int start, Map<String, Integer> keyLines, JsonNode node,
      List<TeamProbeProblem> problems) {
    int before = problems.size();
    if (!node.isObject()) {
      problems.add(new TeamProbeProblem(file, start, "each probe is an object with name, answers, params, command and json or lines"));
      return Optional.empty();
    }
    java.util.function.BiConsumer<String, String> problem = (key, message) ->
        problems.add(new TeamProbeProblem(file, keyLines.getOrDefault(key, start), message));
    for (String key : node.propertyNames()) {
      if (!PROBE_KEYS.contains(key)) {
        problem.accept(key, "unknown key \"" + key + "\" (known: " + String.join(", ", new java.util.TreeSet<>(PROBE_KEYS)) + ")");
      }
    }
    String name = text(node, "name");
    if (name == null || !NAME.matcher(name).matches()) {
      problem.accept("name", "\"name\" is required: lower-case letters, digits and -, e.g. \"tc-ingress-filters\" (rules ask for \"team:NAME\")");
    }
    String answers = text(node, "answers");
    if (answers == null || answers.isBlank()) {
      problem.accept("answers", "\"answers\" is required: in plain words, what the probe answers");
    }
    Map<String, ParamType> params = new LinkedHashMap<>();
    JsonNode p = node.get("params");
    if (p != null && !p.isObject()) {
      problem.accept("params", "\"params\" maps each parameter's name to its type (" + ParamType.names() + ")");
    } else if (p != null) {
      for (var e : p.properties()) {
        Optional<ParamType> type = e.getValue().isString() ? ParamType.named(e.getValue().asString()) : Optional.empty();
        if (e.getKey().equals("netns")) {
          problem.accept("params", "\"netns\" is not a parameter to declare: every team probe runs in the namespace its request names");
        } else if (!PARAM.matcher(e.getKey()).matches()) {
          problem.accept("params", "parameter name \"" + e.getKey() + "\" must be letters and digits, starting lower-case");
        } else if (type.isEmpty()) {
          problem.accept("params", "parameter \"" + e.getKey() + "\" has unknown type " + e.getValue() + " (known: " + ParamType.names() + ")");
        } else {
          params.put(e.getKey(), type.get());
        }
      }
    }
    List<String> command = new ArrayList<>();
    JsonNode c = node.get("command");
    if (c == null || !c.isArray() || c.isEmpty()) {
      problem.accept("command", "\"command\" is required: the argument list, e.g. [\"tc\", \"-j\", \"filter\", \"show\", \"dev\", \"{iface}\", \"ingress\"] (no shell)");
    } else {
      for (JsonNode arg : c) {
        if (!arg.isString()) {
          problem.accept("command", "every argument of \"command\" is a string, not " + arg);
        } else {
          command.add(arg.asString());
        }
      }
      checkCommand(command, params, msg -> problem.accept("command", msg));
    }
    String json = text(node, "json");
    String linePattern = text(node, "lines");
    if ((json == null) == (linePattern == null)) {
      problem.accept(json == null ? "command" : "lines",
          "give exactly one of \"json\" (the dotted path to the rows, \".\" for the top level) or \"lines\" (a regex with named groups)");
    } else if (json != null && !json.equals(".") && !json.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
      problem.accept("json", "\"json\" is \".\" or a dotted path of keys, e.g. \"nftables\", not \"" + json + "\"");
    } else if (linePattern != null) {
      try {
        Pattern.compile(linePattern);
        if (!NAMED_GROUP.matcher(linePattern).find()) {
          problem.accept("lines", "\"lines\" needs named groups, e.g. \"^(?<name>\\\\S+) (?<value>\\\\d+)$\": they become the fields");
        }
      } catch (PatternSyntaxException e) {
        problem.accept("lines", "\"lines\" is not a valid regex: " + e.getDescription());
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new TeamProbeSpec(name, answers, params, command, new TeamProbeSpec.Output(json, linePattern), file, start));
  }

  /** Placeholders name declared parameters, every parameter is used, and the command is on the allow-list. */
  private static void checkCommand(List<String> command, Map<String, ParamType> params, java.util.function.Consumer<String> problem) {
    Set<String> used = new java.util.HashSet<>();
    List<String> filled = new ArrayList<>();
    for (String arg : command) {
      Matcher m = PLACEHOLDER.matcher(arg);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        ParamType type = params.get(m.group(1));
        if (type == null) {
          problem.accept("placeholder {" + m.group(1) + "} in \"" + arg + "\" is not a declared parameter (declared: " + params.keySet() + ")");
          return;
        }
        used.add(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(type.example()));
      }
      m.appendTail(out);
      filled.add(out.toString());
    }
    for (String declared : params.keySet()) {
      if (!used.contains(declared)) {
        problem.accept("parameter \"" + declared + "\" is declared but the command never uses {" + declared + "}");
      }
    }
    // Name the command as the file writes it, not with the example values it was checked with.
    AllowList.refuse(filled).ifPresent(why -> problem.accept("command off the allow-list: "
        + why.replace(String.join(" ", filled), String.join(" ", command))));
  }

  /** Fills the placeholders of a checked command with checked values. */
  static List<String> fill(List<String> command, Map<String, String> values) {
    List<String> out = new ArrayList<>();
    for (String arg : command) {
      Matcher m = PLACEHOLDER.matcher(arg);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, Matcher.quoteReplacement(values.get(m.group(1))));
      }
      m.appendTail(b);
      out.add(b.toString());
    }
    return out;
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v != null && v.isString() ? v.asString() : null;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read team probe file " + file, e);
    }
  }

  /** Where each key is: top-level keys, and each probe entry's start and keys. */
  private record Lines(Map<String, Integer> top, List<Integer> probeStarts, List<Map<String, Integer>> probeKeys) {

    static Lines of(String text) {
      Map<String, Integer> top = new HashMap<>();
      List<Integer> starts = new ArrayList<>();
      List<Map<String, Integer>> keys = new ArrayList<>();
      int depth = 0;
      boolean inProbes = false;
      String lastTopKey = null;
      try (JsonParser p = JSON.createParser(text)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          int line = p.currentTokenLocation().getLineNr();
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            depth++;
            if (depth == 2) {
              inProbes = t == JsonToken.START_ARRAY && "probes".equals(lastTopKey);
            }
            if (depth == 3 && inProbes) {
              starts.add(line);
              keys.add(new HashMap<>());
            }
          } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            depth--;
          } else if (t == JsonToken.PROPERTY_NAME && depth == 1) {
            lastTopKey = p.currentName();
            top.putIfAbsent(lastTopKey, line);
          } else if (t == JsonToken.PROPERTY_NAME && depth == 3 && inProbes && !keys.isEmpty()) {
            keys.get(keys.size() - 1).putIfAbsent(p.currentName(), line);
          }
        }
      }
      return new Lines(top, starts, keys);
    }
  }
}
