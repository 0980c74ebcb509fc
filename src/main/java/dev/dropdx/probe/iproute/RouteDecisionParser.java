package dev.dropdx.probe.iproute;

import dev.dropdx.fact.IpPrefix;
import dev.dropdx.fact.RouteDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks `ip -4 rule show` and `ip -4 -o route show table all` (for an IPv6 destination their
 * `ip -6` forms) for one packet as fib_rules_lookup
 * and fib_table_lookup do: rules in preference order, the longest matching prefix in each chosen
 * table, a throw route or an empty table moving on to the next rule. Selectors it cannot evaluate
 * (fwmark, tos, uidrange, not, goto, ...) make the answer "unknown" rather than a guess.
 */
public final class RouteDecisionParser {
  private static final Set<String> TYPED_ACTIONS = Set.of("blackhole", "unreachable", "prohibit");
  private static final Set<String> ROUTE_TYPES =
      Set.of("unicast", "local", "broadcast", "multicast", "anycast", "blackhole", "unreachable", "prohibit", "throw", "nat");
  private static final Map<String, String> TABLE_NAMES = Map.of("254", "main", "255", "local", "253", "default");
  // Rule words that only describe the rule, not what it matches.
  private static final Set<String> HARMLESS = Set.of("proto", "[detached]");

  private RouteDecisionParser() {}

  /**
   * The decision for a packet from {@code src} (may be null) to {@code dst}, arriving on {@code iif}
   * (null: sent locally, which rules see as arriving on lo, as the kernel's output lookup does).
   */
  public static RouteDecision decide(String netns, String src, String dst, String iif, String rules, String routes) {
    List<Route> table = routes(routes, IpPrefix.familyOf(dst) == 6);
    boolean threw = false;
    String throwEntry = null;
    String throwTable = null;
    String throwPref = null;
    for (String line : rules.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String pref = line.substring(0, colon).strip();
      List<String> words = List.of(line.substring(colon + 1).strip().split("\\s+"));
      Rule rule = rule(words);
      // A source selector on a packet whose source is not known yet (sent locally) cannot be judged.
      if (rule == null || (src == null && !rule.from.equals("all"))) {
        return new RouteDecision(netns, src, dst, iif, "unknown", "rule", null, pref, line);
      }
      if (!covers(rule.from, src) || !covers(rule.to, dst) || (rule.iif != null && !rule.iif.equals(iif == null ? "lo" : iif))) {
        continue;
      }
      if (TYPED_ACTIONS.contains(rule.action)) {
        return new RouteDecision(netns, src, dst, iif, rule.action, "rule", null, pref, line);
      }
      Route best = longest(table, tableName(rule.table), dst);
      if (best == null) {
        continue;
      }
      if (best.type.equals("throw")) {
        threw = true;
        throwEntry = best.line;
        throwTable = best.table;
        throwPref = pref;
        continue;
      }
      return new RouteDecision(netns, src, dst, iif, best.type, "route", best.table, pref, best.line);
    }
    return threw ? new RouteDecision(netns, src, dst, iif, "throw", "route", throwTable, throwPref, throwEntry)
        : new RouteDecision(netns, src, dst, iif, "missing", "none", null, null, null);
  }

  private record Rule(String from, String to, String iif, String table, String action) {}

  private record Route(String type, String prefix, int length, String table, int metric, String line) {}

  /** A rule's selectors and action, or null when it has something this walk cannot evaluate. */
  private static Rule rule(List<String> w) {
    String from = "all";
    String to = "all";
    String iif = null;
    String table = null;
    String action = null;
    for (int i = 0; i < w.size(); i++) {
      String k = w.get(i);
      String v = i + 1 < w.size() ? w.get(i + 1) : null;
      switch (k) {
        case "from" -> { from = v; i++; }
        case "to" -> { to = v; i++; }
        case "iif" -> { iif = v; i++; }
        case "lookup", "table" -> { table = v; action = "lookup"; i++; }
        case "blackhole", "unreachable", "prohibit" -> action = k;
        default -> {
          if (HARMLESS.contains(k)) {
            i += k.equals("proto") ? 1 : 0;
          } else {
            return null;
          }
        }
      }
    }
    return action == null ? null : new Rule(from, to, iif, table, action);
  }

  private static List<Route> routes(String text, boolean ipv6) {
    List<Route> out = new ArrayList<>();
    for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      List<String> w = List.of(line.split("\\s+"));
      int i = 0;
      String type = "unicast";
      if (ROUTE_TYPES.contains(w.get(0))) {
        type = w.get(0);
        i = 1;
      }
      if (i >= w.size()) {
        continue;
      }
      String prefix = w.get(i).equals("default") ? (ipv6 ? "::/0" : "0.0.0.0/0") : w.get(i);
      // Only routes of the destination's family (an IPv4 walk skips IPv6 lines and the other way round).
      if (IpPrefix.familyOf(prefix) != (ipv6 ? 6 : 4)) {
        continue;
      }
      String tableName = "main";
      int metric = 0;
      for (int j = i + 1; j + 1 < w.size(); j++) {
        if (w.get(j).equals("table")) {
          tableName = tableName(w.get(j + 1));
        } else if (w.get(j).equals("metric")) {
          metric = Integer.parseInt(w.get(j + 1));
        }
      }
      int slash = prefix.indexOf('/');
      out.add(new Route(type, slash < 0 ? prefix : prefix.substring(0, slash),
          slash < 0 ? (ipv6 ? 128 : 32) : Integer.parseInt(prefix.substring(slash + 1)),
          tableName, metric, line));
    }
    return out;
  }

  private static Route longest(List<Route> routes, String table, String dst) {
    Route best = null;
    for (Route r : routes) {
      if (r.table.equals(table) && inPrefix(dst, r.prefix, r.length)
          && (best == null || r.length > best.length || (r.length == best.length && r.metric < best.metric))) {
        best = r;
      }
    }
    return best;
  }

  private static String tableName(String t) {
    String name = t == null ? "main" : t.toLowerCase(Locale.ROOT);
    return TABLE_NAMES.getOrDefault(name, name);
  }

  private static boolean covers(String selector, String address) {
    if (selector == null || selector.equals("all")) {
      return true;
    }
    if (address == null) {
      return false;
    }
    int slash = selector.indexOf('/');
    int whole = IpPrefix.familyOf(address) == 6 ? 128 : 32;
    return inPrefix(address, slash < 0 ? selector : selector.substring(0, slash), slash < 0 ? whole : Integer.parseInt(selector.substring(slash + 1)));
  }

  static boolean inPrefix(String address, String prefix, int length) {
    if (address.contains(":") || prefix.contains(":")) {
      return IpPrefix.parse(prefix + "/" + length).map(p -> p.contains(address)).orElse(false);
    }
    long a = v4(address);
    long p = v4(prefix);
    if (a < 0 || p < 0) {
      return false;
    }
    long mask = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
    return (a & mask) == (p & mask);
  }

  private static long v4(String s) {
    String[] parts = s.split("\\.");
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String part : parts) {
      try {
        int b = Integer.parseInt(part);
        if (b < 0 || b > 255) {
          return -1;
        }
        v = (v << 8) | b;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return v;
  }
}
