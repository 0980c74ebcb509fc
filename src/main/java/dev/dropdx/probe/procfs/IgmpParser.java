package dev.dropdx.probe.procfs;

import dev.dropdx.fact.MulticastGroups;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses /proc/net/igmp into one {@link MulticastGroups} per interface.
 *
 * <p>The format (net/ipv4/igmp.c, igmp_mc_seq_show): a header line, then per interface a line
 * {@code "IDX\tNAME      :  COUNT QUERIER"} followed by one tab-indented line per group
 * {@code "\t\t\t\tGROUP USERS TIMER\t\tREPORTER"}. GROUP is the __be32 address printed with %08X
 * as a host integer, so on a little-endian machine 224.0.0.5 reads 050000E0: the byte order of
 * the machine that wrote the file decides how to read it.
 */
public final class IgmpParser {

  private IgmpParser() {}

  /** Interfaces in file order, each with its groups. */
  public static List<MulticastGroups> parse(String netns, String text, ByteOrder order) {
    Map<String, int[]> index = new LinkedHashMap<>();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    String current = null;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("Idx")) {
        continue;
      }
      if (!line.startsWith("\t")) {
        // "4\tmc-alt0   :     2      V3": interface names cannot contain ':' or blanks.
        int tab = line.indexOf('\t');
        int colon = line.indexOf(':');
        if (tab < 0 || colon < tab) {
          current = null;
          continue;
        }
        current = line.substring(tab + 1, colon).strip();
        index.put(current, new int[] {parseIntOr(line.substring(0, tab).strip(), -1)});
        groups.put(current, new ArrayList<>());
      } else if (current != null) {
        String hex = line.strip().split("\\s+")[0];
        String group = toDotted(hex, order);
        if (group != null) {
          groups.get(current).add(group);
        }
      }
    }
    List<MulticastGroups> out = new ArrayList<>();
    groups.forEach((iface, g) -> out.add(new MulticastGroups(netns, iface, index.get(iface)[0], g, true)));
    return out;
  }

  /** A %08X-printed __be32 in dotted quad, or null when it is not 8 hex digits. */
  static String toDotted(String hex, ByteOrder order) {
    if (!hex.matches("[0-9A-Fa-f]{8}")) {
      return null;
    }
    long v = Long.parseLong(hex, 16);
    int[] b = {(int) (v >>> 24) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 8) & 0xFF, (int) v & 0xFF};
    // The integer's memory bytes are the address bytes in network order.
    return order == ByteOrder.LITTLE_ENDIAN
        ? b[3] + "." + b[2] + "." + b[1] + "." + b[0]
        : b[0] + "." + b[1] + "." + b[2] + "." + b[3];
  }

  private static int parseIntOr(String s, int fallback) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
