package dev.dropdx.probe.stap;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.FieldValue;
import dev.dropdx.fact.FunctionReturn;
import dev.dropdx.fact.KernelAddress;
import dev.dropdx.fact.LineHit;
import dev.dropdx.fact.MulticastGroups;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the scripts in stap/ print: one record per line, a kind, then tab-separated key=value
 * fields (see each script's header). Lines of another shape (stap's own warnings) are skipped.
 */
public final class StapOutputParser {
  /** pp() of a statement probe: kernel.statement("f@file.c:123") or module("m").statement("f@file.c:123"). */
  private static final Pattern PP = Pattern.compile(
      "(?:kernel|module\\(\"([^\"]+)\"\\))\\.statement\\(\"([^@\"]+)@([^:\"]+):(\\d+)\"\\)");

  private StapOutputParser() {}

  /**
   * One output line.
   *
   * @param kind the first column (drop, return, line, field, asked, membership, summary)
   * @param fields its key=value pairs, in order
   */
  public record Record(String kind, Map<String, String> fields) {
    public String get(String key) {
      return fields.get(key);
    }

    public String get(String key, String fallback) {
      return fields.getOrDefault(key, fallback);
    }

    public long number(String key) {
      String v = fields.get(key);
      if (v == null) {
        return 0;
      }
      try {
        return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  /** Every structured line of the output. */
  public static List<Record> records(String output) {
    List<Record> out = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] cols = line.strip().split("\t");
      if (cols.length < 2 || !cols[0].matches("[a-z]+") || !cols[1].contains("=")) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (String c : Arrays.copyOfRange(cols, 1, cols.length)) {
        int eq = c.indexOf('=');
        if (eq > 0) {
          fields.put(c.substring(0, eq), c.substring(eq + 1));
        }
      }
      out.add(new Record(cols[0], fields));
    }
    return out;
  }

  /** The summary line, if the script got to print it. */
  public static Optional<Record> summary(List<Record> records) {
    return records.stream().filter(r -> r.kind().equals("summary")).reduce((a, b) -> b);
  }

  /**
   * Drops from kfree_skb_location.stp. The script already filtered by address, so a line matches
   * the target unless its protocol or device say otherwise; with no address filter at all every
   * drop is only possibly the target's.
   */
  public static List<Drop> drops(List<Record> records, Target target) {
    boolean filtered = target.src() != null || target.dst() != null;
    List<Drop> drops = new ArrayList<>();
    for (Record r : records) {
      if (!r.kind().equals("drop")) {
        continue;
      }
      String src = r.get("src");
      String dst = r.get("dst");
      int proto = (int) r.number("proto");
      String dev = r.get("dev", "-");
      String iface = dev.equals("-") || dev.isEmpty() ? null : dev;
      boolean ours = target.matches(src, dst, proto, null) && (target.iface() == null || iface == null || target.iface().equals(iface));
      TargetMatch match = !ours ? TargetMatch.OTHER : filtered ? TargetMatch.TARGET : TargetMatch.UNFILTERED;
      String function = r.get("function", "?");
      drops.add(new Drop(function, stripSize(r.get("location", function)), "NOT_SPECIFIED", r.number("count"), match,
          target.netns(), iface, src, dst, proto, List.of()));
    }
    return drops;
  }

  /** The code address of each drop location, so rules can find the owning module. */
  public static List<KernelAddress> addresses(List<Record> records) {
    return records.stream().filter(r -> r.kind().equals("drop") && r.get("address") != null)
        .map(r -> new KernelAddress(r.get("function", "?"), stripSize(r.get("location", r.get("function", "?"))), r.get("address")))
        .distinct().toList();
  }

  /** Return values from function_return.stp. */
  public static List<FunctionReturn> returns(List<Record> records) {
    return records.stream().filter(r -> r.kind().equals("return"))
        .map(r -> new FunctionReturn(r.get("function", "?"), r.get("module", "kernel"), r.number("value"), r.number("count")))
        .toList();
  }

  /** Distinct lines from line_trace.stp, in the order they first ran, with how often they ran. */
  public static List<LineHit> lineHits(List<Record> records) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, String[]> where = new LinkedHashMap<>();
    for (Record r : records) {
      if (!r.kind().equals("line") || r.get("pp") == null) {
        continue;
      }
      Matcher m = PP.matcher(r.get("pp"));
      if (!m.find()) {
        continue;
      }
      String module = m.group(1) == null ? "kernel" : m.group(1);
      String key = module + "|" + m.group(2) + "|" + m.group(3) + "|" + m.group(4);
      where.putIfAbsent(key, new String[] {m.group(2), module, m.group(3), m.group(4)});
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
    }
    List<LineHit> hits = new ArrayList<>();
    int order = 1;
    for (var e : where.entrySet()) {
      String[] w = e.getValue();
      hits.add(new LineHit(w[0], w[1], w[2], Integer.parseInt(w[3]), order++, counts.get(e.getKey())[0]));
    }
    return hits;
  }

  /** Field values from struct_field.stp. */
  public static List<FieldValue> fields(List<Record> records) {
    return records.stream().filter(r -> r.kind().equals("field"))
        .map(r -> new FieldValue(r.get("function", "?"), r.get("module", "kernel"), r.get("struct", "?"), r.get("field", "?"),
            r.get("value", ""), r.number("count")))
        .toList();
  }

  /** Per-interface membership from mc_membership.stp, as the same fact /proc/net/igmp gives. */
  public static List<MulticastGroups> membership(List<Record> records, String netns) {
    return records.stream().filter(r -> r.kind().equals("membership"))
        .map(r -> new MulticastGroups(netns, r.get("iface", "?"), (int) r.number("ifindex"),
            r.get("groups", "").isEmpty() ? List.of() : List.of(r.get("groups").split(",")), true))
        .toList();
  }

  /** symdata prints "f+0x1a3/0x470 [module]": keep f+0x1a3. */
  static String stripSize(String location) {
    String s = location.strip();
    int sp = s.indexOf(' ');
    if (sp > 0) {
      s = s.substring(0, sp);
    }
    int slash = s.indexOf('/');
    return slash > 0 ? s.substring(0, slash) : s;
  }
}
