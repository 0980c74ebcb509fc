package dev.dropdx.probe.procfs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads /proc/net/snmp and /proc/net/netstat: pairs of lines "Prefix: names..." and
 * "Prefix: values...", named the way nstat names them (Udp + NoPorts = UdpNoPorts); and
 * /proc/net/snmp6, one "Name value" line per counter (Udp6NoPorts 3).
 */
public final class SnmpCountersParser {

  private SnmpCountersParser() {}

  private static final Pattern SNMP6_LINE = Pattern.compile("((?:Ip6|Icmp6|Udp6|UdpLite6)[A-Za-z0-9]+)\\s+(\\d+)");

  /** True for an IPv6 counter name, which /proc/net/snmp6 holds (Ip6InNoRoutes, Icmp6OutErrors, Udp6NoPorts). */
  public static boolean ipv6(String name) {
    return name.startsWith("Ip6") || name.startsWith("Icmp6") || name.startsWith("Udp6") || name.startsWith("UdpLite6");
  }

  /** Counter name to value, in file order; /proc/net/snmp6's "Name value" lines are read too. */
  public static Map<String, Long> parse(String text) {
    Map<String, Long> counters = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      Matcher v6 = SNMP6_LINE.matcher(lines[i].strip());
      if (v6.matches()) {
        counters.put(v6.group(1), Long.parseLong(v6.group(2)));
        continue;
      }
      if (i + 1 >= lines.length) {
        break;
      }
      String[] names = lines[i].strip().split("\\s+");
      String[] values = lines[i + 1].strip().split("\\s+");
      if (names.length < 2 || !names[0].endsWith(":") || !names[0].equals(values[0]) || names.length != values.length
          || !values[1].matches("-?\\d+")) {
        continue;
      }
      String prefix = names[0].substring(0, names[0].length() - 1);
      for (int k = 1; k < names.length; k++) {
        try {
          counters.put(prefix + names[k], Long.parseLong(values[k]));
        } catch (NumberFormatException e) {
          // a field that is not a number is not a counter
        }
      }
      i++;
    }
    return counters;
  }
}
