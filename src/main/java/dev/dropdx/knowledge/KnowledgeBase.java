package dev.dropdx.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cause entries, read from the knowledge-base directory (one JSON file per cause). Entries
 * whose templates do not check ({@link CauseTemplates#check}) still load, so that `kb show` works
 * on them; their problems are in {@link #templateProblems()}, which the rule book's load-time
 * check reports (no diagnosis runs on them).
 */
public final class KnowledgeBase {
  private final Map<String, CauseEntry> entries;
  private final Map<String, String> files;
  private final List<KnowledgeProblem> templateProblems;

  public KnowledgeBase(Map<String, CauseEntry> entries) {
    this(entries, Map.of(), List.of());
  }

  private KnowledgeBase(Map<String, CauseEntry> entries, Map<String, String> files, List<KnowledgeProblem> templateProblems) {
    this.entries = Map.copyOf(entries);
    this.files = Map.copyOf(files);
    this.templateProblems = List.copyOf(templateProblems);
  }

  /** Reads every {@code *.json} directly in the directory (cases/ holds bundles, not entries). */
  public static KnowledgeBase load(Path dir, JsonMapper json) {
    return load(dir, List.of(), json);
  }

  /**
   * Reads the main directory, then each team directory that exists (a team's entry replaces a
   * built-in one with the same id).
   */
  public static KnowledgeBase load(Path dir, List<Path> teamDirs, JsonMapper json) {
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeBaseException("knowledge base directory " + dir + " does not exist (set dropdx.knowledge-base)");
    }
    Map<String, CauseEntry> entries = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    Map<String, List<KnowledgeProblem>> checked = new TreeMap<>();
    List<KnowledgeProblem> problems = new ArrayList<>();
    read(dir, json, entries, files, checked, problems);
    for (Path team : teamDirs) {
      if (Files.isDirectory(team)) {
        read(team, json, entries, files, checked, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new KnowledgeBaseException("knowledge base entries are invalid:\n  "
          + String.join("\n  ", problems.stream().map(KnowledgeProblem::toString).toList()), problems);
    }
    return new KnowledgeBase(entries, files, checked.values().stream().flatMap(List::stream).toList());
  }

  private static void read(Path dir, JsonMapper json, Map<String, CauseEntry> entries, Map<String, String> fileOf,
      Map<String, List<KnowledgeProblem>> checked, List<KnowledgeProblem> problems) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String text = "";
        try {
          text = Files.readString(f);
          CauseEntry e = json.readValue(text, CauseEntry.class);
          String expected = f.getFileName().toString().replaceFirst("\\.json$", "");
          List<String> missing = missing(e);
          if (e.id() == null || !e.id().equals(expected)) {
            problems.add(new KnowledgeProblem(f.toString(), lineOf(text, "\"id\""), "id must equal the file name (" + expected + ")"));
          } else if (!missing.isEmpty()) {
            problems.add(new KnowledgeProblem(f.toString(), lineOf(text, "\"" + missing.get(0) + "\""),
                String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " required (title, explanation and at least one fix)"));
          } else {
            entries.put(e.id(), e);
            fileOf.put(e.id(), f.toString());
            // A team entry replaces the built-in one, and so do its problems.
            checked.put(e.id(), CauseTemplates.check(e, f.toString(), text));
          }
        } catch (tools.jackson.core.JacksonException ex) {
          int line = ex.getLocation() == null ? 1 : Math.max(1, ex.getLocation().getLineNr());
          problems.add(new KnowledgeProblem(f.toString(), line, ex.getOriginalMessage().lines().findFirst().orElse("not valid JSON")));
        } catch (IOException | RuntimeException ex) {
          problems.add(new KnowledgeProblem(f.toString(), 1, String.valueOf(ex.getMessage()).lines().findFirst().orElse("unreadable")));
        }
      }
    } catch (IOException e) {
      throw new KnowledgeBaseException("cannot read knowledge base " + dir + ": " + e.getMessage());
    }
  }

  /** The required fields an entry lacks: title, explanation, fix (an empty list counts as missing). */
  private static List<String> missing(CauseEntry e) {
    List<String> missing = new ArrayList<>();
    if (e.title() == null || e.title().isBlank()) {
      missing.add("title");
    }
    if (e.explanation() == null || e.explanation().isBlank()) {
      missing.add("explanation");
    }
    if (e.fix().isEmpty()) {
      missing.add("fix");
    }
    return missing;
  }

  /** The 1-based line where {@code needle} first appears; 1 (the entry's start) when it does not. */
  private static int lineOf(String text, String needle) {
    int at = text.indexOf(needle);
    return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  /** Template problems of the loaded entries (placeholders nobody binds, broken choices), with file and line. */
  public List<KnowledgeProblem> templateProblems() {
    return templateProblems;
  }

  /** The file an entry was read from, when it was read from one. */
  public Optional<String> fileOf(String cause) {
    return Optional.ofNullable(files.get(cause));
  }

  public Optional<CauseEntry> find(String cause) {
    return Optional.ofNullable(entries.get(cause));
  }

  public List<CauseEntry> all() {
    return List.copyOf(entries.values());
  }
}
