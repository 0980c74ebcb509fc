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

/** The cause entries, read from the knowledge-base directory (one JSON file per cause). */
public final class KnowledgeBase {
  private final Map<String, CauseEntry> entries;

  public KnowledgeBase(Map<String, CauseEntry> entries) {
    this.entries = Map.copyOf(entries);
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
    List<String> problems = new ArrayList<>();
    read(dir, json, entries, problems);
    for (Path team : teamDirs) {
      if (Files.isDirectory(team)) {
        read(team, json, entries, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new KnowledgeBaseException("knowledge base entries are invalid:\n  " + String.join("\n  ", problems));
    }
    return new KnowledgeBase(entries);
  }

  private static void read(Path dir, JsonMapper json, Map<String, CauseEntry> entries, List<String> problems) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          CauseEntry e = json.readValue(f.toFile(), CauseEntry.class);
          String expected = f.getFileName().toString().replaceFirst("\\.json$", "");
          if (e.id() == null || !e.id().equals(expected)) {
            problems.add(f + ": id must equal the file name (" + expected + ")");
          } else if (e.title() == null || e.explanation() == null || e.fix().isEmpty()) {
            problems.add(f + ": title, explanation and fix are required");
          } else {
            entries.put(e.id(), e);
          }
        } catch (RuntimeException ex) {
          problems.add(f + ": " + ex.getMessage().lines().findFirst().orElse("unreadable"));
        }
      }
    } catch (IOException e) {
      throw new KnowledgeBaseException("cannot read knowledge base " + dir + ": " + e.getMessage());
    }
  }

  public Optional<CauseEntry> find(String cause) {
    return Optional.ofNullable(entries.get(cause));
  }

  public List<CauseEntry> all() {
    return List.copyOf(entries.values());
  }
}
