package dev.dropdx.probe.procfs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads /proc/net/snmp and /proc/net/netstat: pairs of lines "Prefix: names..." and
 * "Prefix: values...", named the way nstat names them (Udp + NoPorts = UdpNoPorts); and
 * /proc/net/snmp6, one "Name value" per line (Ip6InHdrErrors 3), already named that way.
 */
public final class SnmpCountersParser {

  private SnmpCountersParser() {}

  /** Counter name to value, in file order. */
  public static Map<String, Long> parse(String text) {
    Map<String, Long> counters = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String[] names = lines[i].strip().split("\\s+");
      if (names.length == 2 && !names[0].endsWith(":") && names[1].matches("\\d{1,18}")) {
        counters.put(names[0], Long.parseLong(names[1]));
        continue;
      }
      if (i + 1 == lines.length) {
        break;
      }
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
