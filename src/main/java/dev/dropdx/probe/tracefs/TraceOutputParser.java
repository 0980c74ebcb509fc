package dev.dropdx.probe.tracefs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses an instance's {@code trace} file: kfree_skb events grouped by location and reason, with a stack. */
public final class TraceOutputParser {
  private static final Pattern EVENT = Pattern.compile(
      "kfree_skb: skbaddr=\\S+ (?:rx_sk=\\S+ )?protocol=(\\d+) location=(\\S+)(?: reason: (\\S+))?");
  private static final Pattern OVERRUN = Pattern.compile("(?m)^overrun: (\\d+)");

  /**
   * Drops at one place for one reason.
   *
   * @param location function+offset/size as the kernel prints it
   * @param reason reason name, NOT_SPECIFIED when the kernel has none
   * @param count events
   * @param stack kernel stack of the first event, innermost first
   */
  public record DropGroup(String location, String reason, long count, List<String> stack) {
    /** The function part of the location. */
    public String function() {
      int plus = location.indexOf('+');
      return plus < 0 ? location : location.substring(0, plus);
    }
  }

  private TraceOutputParser() {}

  /** Groups the events of a trace file. */
  public static List<DropGroup> parse(String trace) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, List<String>> stacks = new LinkedHashMap<>();
    Map<String, String[]> keys = new LinkedHashMap<>();
    String last = null;
    List<String> collecting = null;
    for (String line : trace.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = EVENT.matcher(line);
      if (m.find()) {
        String location = m.group(2);
        String reason = m.group(3) == null ? "NOT_SPECIFIED" : m.group(3);
        last = location + " " + reason;
        keys.putIfAbsent(last, new String[] {location, reason});
        counts.computeIfAbsent(last, k -> new long[1])[0]++;
        collecting = null;
      } else if (line.contains("<stack trace>") && last != null && !stacks.containsKey(last)) {
        collecting = new ArrayList<>();
        stacks.put(last, collecting);
      } else if (line.startsWith(" => ") && collecting != null) {
        collecting.add(line.substring(4).strip());
      } else if (!line.startsWith(" => ")) {
        collecting = null;
      }
    }
    List<DropGroup> groups = new ArrayList<>();
    counts.forEach((k, c) -> groups.add(new DropGroup(keys.get(k)[0], keys.get(k)[1], c[0], stacks.getOrDefault(k, List.of()))));
    return groups;
  }

  /** The overrun count of one per_cpu/cpuN/stats file. */
  public static long overrun(String stats) {
    Matcher m = OVERRUN.matcher(stats);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
