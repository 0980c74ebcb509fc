package dev.dropdx.probe.procfs;

import dev.dropdx.fact.IpPrefix;
import dev.dropdx.fact.Ipv6MulticastGroups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses /proc/net/igmp6 into one {@link Ipv6MulticastGroups} per interface.
 *
 * <p>The format (net/ipv6/mcast.c, igmp6_mc_seq_show): one line per joined group, {@code "IDX
 * NAME GROUP USERS FLAGS TIMER"}, GROUP printed with %pi6: 32 hex digits in network order (no
 * colons), so unlike /proc/net/igmp the machine's byte order does not matter. Measured:
 * {@code "4    mc-alt0         ff020000000000000000000000000005     1 00000004 0"}.
 */
public final class Igmp6Parser {
  private static final Pattern GROUP = Pattern.compile("[0-9A-Fa-f]{32}");

  private Igmp6Parser() {}

  /** Interfaces in file order, each with its groups. */
  public static List<Ipv6MulticastGroups> parse(String netns, String text) {
    Map<String, Integer> index = new LinkedHashMap<>();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] t = line.strip().split("\\s+");
      if (t.length < 3 || !t[0].matches("\\d{1,9}") || !GROUP.matcher(t[2]).matches()) {
        continue;
      }
      String group = canonical(t[2]);
      if (group == null) {
        continue;
      }
      index.putIfAbsent(t[1], Integer.parseInt(t[0]));
      groups.computeIfAbsent(t[1], k -> new ArrayList<>()).add(group);
    }
    List<Ipv6MulticastGroups> out = new ArrayList<>();
    groups.forEach((iface, g) -> out.add(new Ipv6MulticastGroups(netns, iface, index.get(iface), g, true)));
    return out;
  }

  /** 32 hex digits as canonical IPv6 text (ff02::5), or null. */
  static String canonical(String hex) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 32; i += 4) {
      s.append(i == 0 ? "" : ":").append(hex, i, i + 4);
    }
    return IpPrefix.parse(s.toString()).map(IpPrefix::address).orElse(null);
  }
}
