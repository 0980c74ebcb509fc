package dev.dropdx.probe.team;

import java.util.List;
import java.util.Map;

/**
 * One team probe as its file declares it, already checked.
 *
 * @param name the name in the file; rules ask for {@link #id()}, "team:" + name
 * @param answers in plain words, what it answers
 * @param params each parameter's name and type (netns is implicit: where it runs)
 * @param command the argument list, with {@code {param}} placeholders
 * @param output how its output becomes facts
 * @param file the probe file
 * @param line the line of the probe's entry
 */
public record TeamProbeSpec(String name, String answers, Map<String, ParamType> params, List<String> command, Output output,
    String file, int line) {

  /** The prefix of every team probe's id: it keeps team probes apart from built-in ones. */
  public static final String PREFIX = "team:";

  public TeamProbeSpec {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    command = List.copyOf(command);
  }

  /** The id rules use in ProbeRequest.of. */
  public String id() {
    return PREFIX + name;
  }

  /**
   * How output becomes rows: JSON ({@code json} is the dotted path to the row array, "." for the
   * top level) or one row per line matching {@code lines} (a regex with named groups).
   */
  public record Output(String json, String lines) {

    public boolean isJson() {
      return json != null;
    }

    @Override
    public String toString() {
      return isJson() ? "json rows at " + json : "lines matching " + lines;
    }
  }
}
