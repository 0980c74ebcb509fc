package dev.dropdx.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one recorded format of a probe's raw output when it has several parts: optional head lines
 * {@code name: value}, then sections, each a marker line {@code --- NAME ---} and its text.
 * Reading looks for the expected markers in order (as bundle format v1 was always read), so
 * output recorded by earlier dropdx versions reads the same.
 */
public final class RecordedSections {
  private static final String NOTE = "note: ";

  private final Map<String, String> head;
  private final List<String> notes;
  private final Map<String, String> sections;
  private final java.util.Set<String> present;

  private RecordedSections(Map<String, String> head, List<String> notes, Map<String, String> sections, java.util.Set<String> present) {
    this.head = head;
    this.notes = List.copyOf(notes);
    this.sections = sections;
    this.present = java.util.Set.copyOf(present);
  }

  /** Builds recorded output. */
  public static Writer writer() {
    return new Writer();
  }

  /**
   * Reads output with the given sections in that order; a section that is absent (older output)
   * is empty. Fails when the first section is missing: the text is not this kind of output.
   */
  public static RecordedSections read(String raw, String what, String... names) {
    Map<String, String> sections = new LinkedHashMap<>();
    List<int[]> found = new ArrayList<>();
    int from = 0;
    for (String name : names) {
      int at = raw.indexOf(marker(name), from);
      if (at < 0) {
        if (found.isEmpty()) {
          throw new IllegalArgumentException("recorded " + what + " output lacks its '" + name + "' section");
        }
        found.add(null);
        continue;
      }
      found.add(new int[] {at, at + marker(name).length()});
      from = at + marker(name).length();
    }
    int headEnd = found.get(0)[0];
    for (int i = 0; i < names.length; i++) {
      int[] f = found.get(i);
      if (f == null) {
        sections.put(names[i], "");
        continue;
      }
      int end = raw.length();
      for (int j = i + 1; j < names.length; j++) {
        if (found.get(j) != null) {
          end = found.get(j)[0];
          break;
        }
      }
      sections.put(names[i], raw.substring(f[1], end));
    }
    Map<String, String> head = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (String line : raw.substring(0, headEnd).split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0 && line.startsWith(NOTE)) {
        notes.add(line.substring(NOTE.length()));
      } else if (colon > 0) {
        head.put(line.substring(0, colon), line.substring(colon + 2).strip());
      }
    }
    java.util.Set<String> present = new java.util.HashSet<>();
    for (int i = 0; i < names.length; i++) {
      if (found.get(i) != null) {
        present.add(names[i]);
      }
    }
    return new RecordedSections(head, notes, sections, present);
  }

  /** A head value, if recorded. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(head.get(name));
  }

  /** The head's note lines, in order. */
  public List<String> notes() {
    return notes;
  }

  /** Whether the section was recorded. */
  public boolean has(String name) {
    return sections.containsKey(name) && present.contains(name);
  }

  /** A section's text ("" when absent). */
  public String section(String name) {
    return sections.getOrDefault(name, "");
  }

  private static String marker(String name) {
    return "--- " + name + " ---\n";
  }

  /** Writes head lines, then sections, in the order given. */
  public static final class Writer {
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder body = new StringBuilder();

    private Writer() {}

    /** A head line {@code name: value}. */
    public Writer value(String name, Object value) {
      head.append(name).append(": ").append(value).append('\n');
      return this;
    }

    /** A head note line (one line: line breaks become blanks). */
    public Writer note(String note) {
      return value("note", note.replace('\n', ' '));
    }

    /** A section: its marker line, then the text as it is. */
    public Writer section(String name, String text) {
      body.append(marker(name)).append(text);
      return this;
    }

    @Override
    public String toString() {
      return head.toString() + body;
    }
  }
}
