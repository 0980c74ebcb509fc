package dev.dropdx.probe.tc;

import dev.dropdx.fact.TcFilter;
import dev.dropdx.fact.TcQdisc;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads `tc -s qdisc show dev IFACE` and `tc -s filter show dev IFACE ingress|egress`. */
public final class TcOutputParser {
  private static final Pattern QDISC = Pattern.compile("^qdisc (\\S+) (\\S+) (?:(root)|parent (\\S+))\\s*(.*)$");
  private static final Pattern SENT = Pattern.compile("Sent \\d+ bytes (\\d+) pkt \\(dropped (\\d+), overlimits (\\d+)");
  private static final Pattern REFCNT = Pattern.compile("^refcnt \\d+\\s*");
  private static final Pattern FILTER = Pattern.compile("^filter (?:parent \\S+ )?protocol (\\S+) pref (\\d+) (\\S+)");
  private static final Pattern INSTANCE = Pattern.compile("\\b(?:handle|fh) \\S+");
  private static final Pattern DROP_ACTION = Pattern.compile("\\baction (?:drop|shot)\\b|gact action (?:drop|shot)");

  private TcOutputParser() {}

  /** Every qdisc with its counters; a block without a "Sent" line counts nothing. */
  public static List<TcQdisc> qdiscs(String netns, String iface, String stdout) {
    List<TcQdisc> out = new ArrayList<>();
    List<String> lines = stdout.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher q = QDISC.matcher(lines.get(i).strip());
      if (!q.find()) {
        continue;
      }
      long sent = 0;
      long dropped = 0;
      long over = 0;
      for (int k = i + 1; k < lines.size() && !lines.get(k).startsWith("qdisc "); k++) {
        Matcher s = SENT.matcher(lines.get(k));
        if (s.find()) {
          sent = Long.parseLong(s.group(1));
          dropped = Long.parseLong(s.group(2));
          over = Long.parseLong(s.group(3));
          break;
        }
      }
      String params = REFCNT.matcher(q.group(5).strip()).replaceFirst("").strip();
      out.add(new TcQdisc(netns, iface, q.group(1), q.group(2), q.group(3) != null ? "root" : q.group(4), params, sent, dropped, over));
    }
    return out;
  }

  /**
   * Every filter instance of one direction. tc prints a chain line per preference ("filter
   * protocol all pref 49152 bpf chain 0") and then one line per instance, with its handle, followed
   * by indented lines (matches, actions, statistics): the instances are the filters.
   */
  public static List<TcFilter> filters(String netns, String iface, String direction, String stdout) {
    List<TcFilter> out = new ArrayList<>();
    List<String> lines = stdout.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher f = FILTER.matcher(lines.get(i));
      if (!f.find() || !INSTANCE.matcher(lines.get(i)).find() || lines.get(i).contains("ht divisor")) {
        continue;
      }
      StringBuilder text = new StringBuilder(lines.get(i).strip());
      for (int k = i + 1; k < lines.size() && !lines.get(k).startsWith("filter "); k++) {
        if (!lines.get(k).isBlank()) {
          text.append(" | ").append(lines.get(k).strip());
        }
      }
      String t = text.toString();
      boolean da = t.contains("direct-action");
      out.add(new TcFilter(netns, iface, direction, f.group(3), f.group(1), Integer.parseInt(f.group(2)), da,
          da || DROP_ACTION.matcher(t).find(), t));
    }
    return out;
  }
}
