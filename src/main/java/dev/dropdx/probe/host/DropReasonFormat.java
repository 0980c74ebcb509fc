package dev.dropdx.probe.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the drop reason names from the kfree_skb tracepoint's format file. The enum is renumbered
 * between kernel versions, so names come from the running kernel, never from a fixed table.
 */
public final class DropReasonFormat {
  private static final Pattern PAIR = Pattern.compile("\\{\\s*(\\d+),\\s*\"([A-Z0-9_]+)\"\\s*}");

  private DropReasonFormat() {}

  /** Reason names by value; empty when the tracepoint has no reason field (kernels before 5.17). */
  public static Map<Integer, String> parse(String format) {
    Map<Integer, String> names = new LinkedHashMap<>();
    if (!format.contains("skb_drop_reason reason")) {
      return names;
    }
    int symbolic = format.indexOf("__print_symbolic(REC->reason");
    if (symbolic < 0) {
      return names;
    }
    Matcher m = PAIR.matcher(format.substring(symbolic));
    while (m.find()) {
      names.put(Integer.parseInt(m.group(1)), m.group(2));
    }
    return names;
  }
}
