package dev.dropdx.lab;

import dev.dropdx.config.DropdxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lab scenarios: every {@code *.json} in {@code knowledge-base/lab/}, read on first use at run
 * time like the rules (a team adds a scenario without rebuilding).
 */
@Component
public class LabScenarioCatalog {
  private final DropdxPaths paths;
  private final JsonMapper json;
  private Loaded loaded;

  public LabScenarioCatalog(DropdxPaths paths, JsonMapper json) {
    this.paths = paths;
    this.json = json;
  }

  /** The scenarios, by name; throws {@link LabScenarioException} when any file has a problem. */
  public List<LabScenario> scenarios() {
    Loaded l = load();
    if (!l.problems().isEmpty()) {
      throw new LabScenarioException(l.problems());
    }
    return l.scenarios();
  }

  public Optional<LabScenario> find(String name) {
    return scenarios().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * Every problem of the scenario files, with file and line: unreadable or invalid files, and
   * causes (expected, or checked by the expect block) not in {@code knownCauses}.
   */
  public List<LabScenarioProblem> problems(Set<String> knownCauses) {
    return problems(load(), knownCauses);
  }

  /** The scenario directory's problems, for a directory of one's own (tests, `rules validate DIR`). */
  public static List<LabScenarioProblem> problems(Path dir, JsonMapper json, Set<String> knownCauses) {
    return problems(read(dir, json), knownCauses);
  }

  /** Reads a scenario directory without Spring (tests that build a scenario into their own namespaces). */
  public static List<LabScenario> scenarios(Path dir, JsonMapper json) {
    Loaded l = read(dir, json);
    if (!l.problems().isEmpty()) {
      throw new LabScenarioException(l.problems());
    }
    return l.scenarios();
  }

  private synchronized Loaded load() {
    if (loaded == null) {
      loaded = read(paths.knowledgeBase().resolve("lab"), json);
    }
    return loaded;
  }

  private static List<LabScenarioProblem> problems(Loaded l, Set<String> knownCauses) {
    List<LabScenarioProblem> all = new ArrayList<>(l.problems());
    for (ScenarioFile f : l.files()) {
      LabScenario s = f.scenario();
      if (s == null) {
        continue;
      }
      if (s.expectedCause() != null && !knownCauses.contains(s.expectedCause())) {
        all.add(new LabScenarioProblem(s.file(), f.line("/expected/cause"), "unknown cause " + s.expectedCause()));
      }
      if (s.expect() != null) {
        List<String> causes = s.expect().causes() == null ? List.of() : s.expect().causes();
        for (int i = 0; i < causes.size(); i++) {
          if (!knownCauses.contains(causes.get(i))) {
            all.add(new LabScenarioProblem(s.file(), f.line("/expect/causes/" + i), "unknown cause " + causes.get(i)));
          }
        }
        for (int i = 0; i < s.expect().diagnoses().size(); i++) {
          String c = s.expect().diagnoses().get(i).cause();
          if (c != null && !knownCauses.contains(c)) {
            all.add(new LabScenarioProblem(s.file(), f.line("/expect/diagnoses/" + i + "/cause"), "unknown cause " + c));
          }
        }
      }
    }
    return all;
  }

  private static Loaded read(Path dir, JsonMapper json) {
    if (!Files.isDirectory(dir)) {
      return new Loaded(List.of(), List.of(), List.of(new LabScenarioProblem(dir, 1, "no lab scenario directory (knowledge-base/lab)")));
    }
    List<ScenarioFile> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> ScenarioFile.read(p, json)).toList();
    } catch (IOException e) {
      return new Loaded(List.of(), List.of(), List.of(new LabScenarioProblem(dir, 1, "cannot list: " + e.getMessage())));
    }
    List<LabScenarioProblem> problems = files.stream().flatMap(f -> f.problems().stream()).toList();
    // By name, as `lab list` always listed them (file order would put rp-filter-loose before rp-filter).
    List<LabScenario> scenarios = files.stream().map(ScenarioFile::scenario).filter(s -> s != null)
        .sorted(java.util.Comparator.comparing(LabScenario::name)).toList();
    return new Loaded(files, scenarios, problems);
  }

  private record Loaded(List<ScenarioFile> files, List<LabScenario> scenarios, List<LabScenarioProblem> problems) {}
}
