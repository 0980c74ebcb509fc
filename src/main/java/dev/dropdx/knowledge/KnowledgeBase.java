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
    List<String> problems = new ArrayList<>();
    read(dir, json, entries, files, checked, problems);
    for (Path team : teamDirs) {
      if (Files.isDirectory(team)) {
        read(team, json, entries, files, checked, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new KnowledgeBaseException("knowledge base entries are invalid:\n  " + String.join("\n  ", problems));
    }
    return new KnowledgeBase(entries, files, checked.values().stream().flatMap(List::stream).toList());
  }

  private static void read(Path dir, JsonMapper json, Map<String, CauseEntry> entries, Map<String, String> fileOf,
      Map<String, List<KnowledgeProblem>> checked, List<String> problems) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          String text = Files.readString(f);
          CauseEntry e = json.readValue(text, CauseEntry.class);
          String expected = f.getFileName().toString().replaceFirst("\\.json$", "");
          if (e.id() == null || !e.id().equals(expected)) {
            problems.add(f + ": id must equal the file name (" + expected + ")");
          } else if (e.title() == null || e.explanation() == null || e.fix().isEmpty()) {
            problems.add(f + ": title, explanation and fix are required");
          } else {
            entries.put(e.id(), e);
            fileOf.put(e.id(), f.toString());
            // A team entry replaces the built-in one, and so do its problems.
            checked.put(e.id(), CauseTemplates.check(e, f.toString(), text));
          }
        } catch (IOException | RuntimeException ex) {
          problems.add(f + ": " + ex.getMessage().lines().findFirst().orElse("unreadable"));
        }
      }
    } catch (IOException e) {
      throw new KnowledgeBaseException("cannot read knowledge base " + dir + ": " + e.getMessage());
    }
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
