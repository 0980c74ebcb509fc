package dev.dropdx.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks one scenario file; every problem carries the file's line. */
final class ScenarioFile {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern LAB_NS = Pattern.compile("dropdx-lab-[a-z0-9-]{1,40}");
  private static final Set<String> VERDICTS = Set.of("diagnosed", "inconclusive", "no-drops");

  private final Path file;
  private final List<LabScenarioProblem> problems = new ArrayList<>();
  private final Map<String, Integer> lines = new HashMap<>();
  private LabScenario scenario;

  private ScenarioFile(Path file) {
    this.file = file;
  }

  /** Reads a file: the scenario (null when unreadable) and its problems. */
  static ScenarioFile read(Path file, JsonMapper json) {
    ScenarioFile f = new ScenarioFile(file);
    f.parse(json);
    return f;
  }

  LabScenario scenario() {
    return scenario;
  }

  List<LabScenarioProblem> problems() {
    return List.copyOf(problems);
  }

  /** The line of a JSON pointer in the file (its nearest parent's when absent). */
  int line(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
    }
  }

  private void parse(JsonMapper json) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      problem("", "cannot read: " + e.getMessage());
      return;
    }
    JsonMapper strict = json.rebuild()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .build();
    try (JsonParser p = strict.createParser(text)) {
      while (p.nextToken() != null) {
        lines.putIfAbsent(p.streamReadContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
      }
      LabScenario read = strict.readValue(text, LabScenario.class);
      scenario = new LabScenario(read.name(), read.description(), read.note(), read.expected(), read.limitation(), read.requires(), read.ipv6(),
          read.namespaces(),
          read.steps(), read.target(), read.expect(), file);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      problems.add(new LabScenarioProblem(file, line, e.getOriginalMessage().lines().findFirst().orElse("not valid JSON")));
      return;
    }
    check();
  }

  private void check() {
    String base = file.getFileName().toString().replaceFirst("\\.json$", "");
    if (scenario.name() == null || !NAME.matcher(scenario.name()).matches() || !scenario.name().equals(base)) {
      problem("/name", "name must be the file's name (" + base + ")");
    }
    if (scenario.description() == null || scenario.description().isBlank()) {
      problem("/description", "description is required");
    }
    checkExpected(scenario.expected());
    if (scenario.requires() != null && scenario.requires().cpus() < 0) {
      problem("/requires/cpus", "cpus must be 0 or more");
    }
    if (scenario.namespaces().isEmpty()) {
      problem("/namespaces", "at least one namespace is required");
    }
    scenario.namespaces().forEach((key, name) -> {
      if (!NAME.matcher(key).matches()) {
        problem("/namespaces/" + key, "namespace key " + key + " must be kebab-case");
      }
      if (name == null || !LAB_NS.matcher(name).matches()) {
        problem("/namespaces/" + key, "lab namespaces must be named dropdx-lab-* (lower case, at most 51 characters): " + name);
      }
    });
    for (int i = 0; i < scenario.steps().size(); i++) {
      checkStep(scenario.steps().get(i), "/steps/" + i);
    }
    LabScenario.TargetSpec t = scenario.target();
    if (t == null) {
      problem("/target", "target is required");
    } else {
      knownNamespace(t.netns(), "/target/netns");
      if (t.src() == null && t.dst() == null) {
        problem("/target", "target needs src or dst");
      }
    }
  }

  private void checkExpected(LabScenario.Expected e) {
    if (e == null || e.verdict() == null) {
      problem("/expected", "expected.verdict is required (diagnosed, inconclusive or no-drops)");
      return;
    }
    if (!VERDICTS.contains(e.verdict())) {
      problem("/expected/verdict", "expected.verdict must be diagnosed, inconclusive or no-drops: " + e.verdict());
    } else if (e.verdict().equals("no-drops") != (e.cause() == null)) {
      problem("/expected", "expected.cause must be null exactly when the verdict is no-drops");
    }
  }

  private void checkStep(LabStep s, String at) {
    List<String> kinds = s.kinds();
    if (kinds.size() != 1) {
      problem(at, "a step sets exactly one of " + LabStep.KINDS + ", this one " + (kinds.isEmpty() ? "none" : kinds));
      return;
    }
    String kind = kinds.get(0);
    if (kind.equals("veth")) {
      for (var end : java.util.Arrays.asList(s.veth().a(), s.veth().b())) {
        if (end == null || end.name() == null) {
          problem(at + "/veth", "a veth needs both ends (a and b), each with netns and name");
        } else {
          knownNamespace(end.netns(), at + "/veth");
          requireIpv6On(end.address(), at + "/veth");
        }
      }
    } else if (!kind.equals("wait")) {
      knownNamespace(s.netns(), at);
    }
    if ((s.dev() == null) == (kind.equals("address") || kind.equals("neighbour"))) {
      problem(at, kind.equals("address") || kind.equals("neighbour") ? kind + " needs dev" : "dev belongs to address and neighbour steps");
    }
    requireIpv6On(s.address(), at + "/address");
    if ((s.lladdr() == null) == kind.equals("neighbour")) {
      problem(at, kind.equals("neighbour") ? "neighbour needs lladdr" : "lladdr belongs to neighbour steps");
    }
    if (s.input() != null && !kind.equals("run")) {
      problem(at + "/input", "input belongs to run steps");
    }
    if (kind.equals("wait") && (s.waitSeconds() <= 0 || s.waitSeconds() > 60)) {
      problem(at + "/wait", "wait is in seconds, more than 0 and at most 60");
    }
    for (var argv : java.util.Arrays.asList(s.ip(), s.route(), s.run(), s.input(), s.start(), s.packets())) {
      if (argv != null && argv.isEmpty()) {
        problem(at, kind + " needs its arguments");
      }
    }
    List<String> args = new ArrayList<>();
    for (var argv : java.util.Arrays.asList(s.ip(), s.route(), s.run(), s.input(), s.start(), s.packets())) {
      if (argv != null) {
        args.addAll(argv);
      }
    }
    args.add(s.address() == null ? "" : s.address());
    args.add(s.neighbour() == null ? "" : s.neighbour());
    args.add(s.lladdr() == null ? "" : s.lladdr());
    for (String a : args) {
      checkPlaceholders(a, at, s);
    }
    if (s.input() != null && s.run().stream().noneMatch(a -> a.contains("${input}"))) {
      problem(at + "/run", "a run step with input must name its file as ${input}");
    }
  }

  /** An IPv6 address in a scenario whose namespaces have IPv6 off would fail at set-up: say so at the line. */
  private void requireIpv6On(String address, String at) {
    if (address != null && address.contains(":") && !address.contains("${") && !scenario.ipv6On()) {
      problem(at, "IPv6 address " + address + " needs \"ipv6\": true (the lab turns IPv6 off in a scenario's namespaces otherwise)");
    }
  }

  private void checkPlaceholders(String arg, String at, LabStep step) {
    if (arg == null) {
      problem(at, "arguments must not be null");
      return;
    }
    int from = 0;
    for (int i = arg.indexOf("${"); i >= 0; i = arg.indexOf("${", from)) {
      Matcher m = LabSetUp.PLACEHOLDER.matcher(arg);
      if (!m.find(i) || m.start() != i) {
        problem(at, "unknown placeholder in " + arg + " (known: ${mac:KEY:IFACE}, ${ns:KEY}, ${input})");
        return;
      }
      String key = m.group(2) != null ? m.group(2) : m.group(4);
      if (key != null) {
        knownNamespace(key, at);
      } else if (step.input() == null) {
        problem(at, "${input} needs an input command in the same step");
      }
      from = m.end();
    }
  }

  private void knownNamespace(String key, String at) {
    if (key == null) {
      problem(at, "netns is required (one of " + scenario.namespaces().keySet() + ")");
    } else if (!scenario.namespaces().containsKey(key)) {
      problem(at, "unknown namespace " + key + " (one of " + scenario.namespaces().keySet() + ")");
    }
  }

  private void problem(String pointer, String message) {
    problems.add(new LabScenarioProblem(file, line(pointer), message));
  }
}
