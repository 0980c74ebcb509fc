package dev.dropdx.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one recorded format of a probe's raw output when it has several parts: a head (free text
 * and/or {@code name: value} lines), then sections, each a marker line {@code --- NAME ---} and its
 * text. Reading looks for the expected markers in the order written (as bundle format v1 was
 * always read), so output recorded by earlier dropdx versions reads the same.
 */
public final class RecordedSections {
  private static final String NOTE = "note: ";

  private final String head;
  private final Map<String, String> values;
  private final List<String> notes;
  private final Map<String, String> sections;

  private RecordedSections(String head, Map<String, String> values, List<String> notes, Map<String, String> sections) {
    this.head = head;
    this.values = values;
    this.notes = List.copyOf(notes);
    this.sections = sections;
  }

  /** Builds recorded output. */
  public static Writer writer() {
    return new Writer();
  }

  /**
   * Reads output that may hold the given sections, in that order; each runs to the next one found.
   * A section not found is absent ({@link #has}), e.g. a tool that was not installed.
   */
  public static RecordedSections read(String raw, String... names) {
    Map<String, int[]> found = new LinkedHashMap<>();
    int from = 0;
    for (String name : names) {
      int at = raw.indexOf(marker(name), from);
      if (at >= 0) {
        found.put(name, new int[] {at, at + marker(name).length()});
        from = at + marker(name).length();
      }
    }
    List<String> order = new ArrayList<>(found.keySet());
    Map<String, String> sections = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      int end = i + 1 < order.size() ? found.get(order.get(i + 1))[0] : raw.length();
      sections.put(order.get(i), raw.substring(found.get(order.get(i))[1], end));
    }
    String head = order.isEmpty() ? raw : raw.substring(0, found.get(order.get(0))[0]);
    Map<String, String> values = new HashMap<>();
    List<String> notes = new ArrayList<>();
    for (String line : head.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0 && line.startsWith(NOTE)) {
        notes.add(line.substring(NOTE.length()));
      } else if (colon > 0) {
        values.put(line.substring(0, colon), line.substring(colon + 2).strip());
      }
    }
    return new RecordedSections(head, values, notes, sections);
  }

  /** Everything before the first section. */
  public String head() {
    return head;
  }

  /** A head value ({@code name: value}), if recorded. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The head's note lines, in order. */
  public List<String> notes() {
    return notes;
  }

  /** Whether the section was recorded. */
  public boolean has(String name) {
    return sections.containsKey(name);
  }

  /** A section's text ("" when absent). */
  public String section(String name) {
    return sections.getOrDefault(name, "");
  }

  private static String marker(String name) {
    return "--- " + name + " ---\n";
  }

  /** Writes the head, then sections, in the order given. */
  public static final class Writer {
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder body = new StringBuilder();

    private Writer() {}

    /** Free head text, as it is. */
    public Writer text(String text) {
      head.append(text);
      return this;
    }

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
