package dev.dropdx.probe.iproute;

import dev.dropdx.fact.LinkInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the output of `ip -d -s -s link show dev IFACE` into a {@link LinkInfo}. */
public final class LinkInfoParser {
  private static final Pattern HEADER = Pattern.compile("^\\d+:\\s+[^:\\s]+:\\s+<[^>]*>(.*)$");
  private static final Pattern MTU = Pattern.compile("\\bmtu (\\d+)");
  private static final Pattern STATE = Pattern.compile("\\bstate (\\S+)");
  private static final Pattern MASTER = Pattern.compile("\\bmaster (\\S+)");
  private static final Pattern XDP_MODE = Pattern.compile("\\bmtu \\d+ (xdpgeneric|xdpoffload|xdpmulti|xdp)\\b");
  private static final Pattern LINK = Pattern.compile("^\\s+link/\\S+(?: (\\S+))?");
  private static final Pattern PROG = Pattern.compile("^\\s+prog/xdp (id \\d+(?: name \\S+)?)");
  private static final Pattern DETAILS = Pattern.compile("promiscuity \\d+.*");
  private static final Pattern PORT_STATE = Pattern.compile("^\\s+bridge_slave state (\\S+)");
  // A statistics block: its header line ("RX:  bytes packets ...", "RX errors: length ... otherhost").
  private static final Pattern STATS = Pattern.compile("^\\s+((?:RX|TX)(?: errors)?):\\s+(.*)$");

  private LinkInfoParser() {}

  /**
   * The device's settings and counters.
   *
   * @param ok whether `ip` succeeded (it fails when the device does not exist)
   */
  public static LinkInfo parse(String netns, String iface, boolean ok, String stdout) {
    List<String> lines = stdout.lines().toList();
    if (!ok || lines.isEmpty()) {
      return LinkInfo.missing(netns, iface);
    }
    Matcher header = HEADER.matcher(lines.get(0));
    if (!header.find()) {
      return LinkInfo.missing(netns, iface);
    }
    String flags = header.group(1);
    String mac = null;
    String prog = null;
    String kind = "";
    String portState = null;
    Map<String, Long> counters = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m;
      if ((m = STATS.matcher(line)).find() && i + 1 < lines.size()) {
        String[] names = m.group(2).trim().split("\\s+");
        String[] values = lines.get(i + 1).trim().split("\\s+");
        for (int k = 0; k < Math.min(names.length, values.length); k++) {
          if (values[k].matches("\\d+")) {
            counters.put(m.group(1) + ":" + names[k], Long.parseLong(values[k]));
          }
        }
        i++;
      } else if ((m = PROG.matcher(line)).find()) {
        prog = m.group(1);
      } else if ((m = PORT_STATE.matcher(line)).find()) {
        portState = m.group(1);
      } else {
        if ((m = LINK.matcher(line)).find()) {
          mac = m.group(1) != null && m.group(1).contains(":") ? m.group(1) : null;
        }
        if (kind.isEmpty() && DETAILS.matcher(line).find() && i + 1 < lines.size()) {
          kind = kindOf(lines.get(i + 1));
        }
      }
    }
    return new LinkInfo(netns, iface, true, kind, Integer.parseInt(find(MTU, flags, "-1")), find(STATE, flags, "UNKNOWN"), mac,
        find(MASTER, flags, null), find(XDP_MODE, flags, null), prog, counters.getOrDefault("RX:dropped", -1L),
        counters.getOrDefault("TX:dropped", -1L), otherhost(counters), portState);
  }

  // -d prints the kind as the first word of the line after "promiscuity ..." (on the link/ether
  // line); loopback has none: its next line is a statistics header.
  private static String kindOf(String next) {
    String first = next.isBlank() ? "" : next.trim().split("\\s+")[0];
    return first.matches("[a-z0-9_]+") && !first.equals("addrgenmode") && !first.equals("bridge_slave") ? first : "";
  }

  // iproute2 prints the otherhost column only when it is not zero: absent with the other RX error
  // columns present means 0 (or a kernel without the counter, which counts nothing either).
  private static long otherhost(Map<String, Long> counters) {
    return counters.getOrDefault("RX errors:otherhost", counters.containsKey("RX errors:length") ? 0L : -1L);
  }

  private static String find(Pattern p, String text, String fallback) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : fallback;
  }
}
