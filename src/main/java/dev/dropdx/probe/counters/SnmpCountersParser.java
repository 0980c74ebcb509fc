package dev.dropdx.probe.counters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses /proc/net/snmp and /proc/net/netstat: pairs of lines, a header line ("Ip: Forwarding
 * DefaultTTL ...") followed by a value line with the same prefix. Names come out as nstat spells
 * them (IpInHdrErrors, IpExtInCsumErrors, TcpExtTCPBacklogDrop).
 */
public final class SnmpCountersParser {

  private SnmpCountersParser() {}

  /** Every counter in the text, in file order. Values that are not numbers are skipped. */
  public static Map<String, Long> parse(String text) {
    Map<String, Long> counters = new LinkedHashMap<>();
    String[] header = null;
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2 || !f[0].endsWith(":")) {
        header = null;
        continue;
      }
      // A header line has names after the prefix; the value line that follows has numbers.
      if (header == null || !header[0].equals(f[0]) || !isNumber(f[1])) {
        header = f;
        continue;
      }
      String group = f[0].substring(0, f[0].length() - 1);
      for (int i = 1; i < Math.min(f.length, header.length); i++) {
        if (isNumber(f[i])) {
          counters.put(group + header[i], Long.parseLong(f[i]));
        }
      }
      header = null;
    }
    return counters;
  }

  private static boolean isNumber(String s) {
    return s.matches("-?\\d+");
  }
}
