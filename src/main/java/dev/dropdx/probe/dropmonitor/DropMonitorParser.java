package dev.dropdx.probe.dropmonitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads `dropwatch -l kas` output: "1 drops at ip_rcv_finish+1a3 (0xffffffff8a2b1c23) [software]"
 * (older builds print "1 drops at location 0xffffffff8a2b1c23" when they cannot resolve symbols).
 * Counts are summed per location. Other lines (prompts, "Waiting for drop alerts") are skipped.
 */
public final class DropMonitorParser {
  private static final Pattern SYMBOL = Pattern.compile(
      "^(\\d+) drops? at ([A-Za-z0-9_.$]+)(?:\\+(?:0x)?([0-9a-fA-F]+))?(?:/[0-9a-fA-Fx]+)? \\((0x[0-9a-fA-F]+)\\)(?: \\[(\\w+)])?");
  private static final Pattern LOCATION = Pattern.compile("^(\\d+) drops? at location (0x[0-9a-fA-F]+)(?: \\[(\\w+)])?");

  private DropMonitorParser() {}

  /**
   * Drops at one place.
   *
   * @param function symbol, or the address when dropwatch could not resolve it
   * @param location function+0xoffset (or the address)
   * @param address hex address
   * @param kind "software" or "hardware" (hardware drops are NIC drops, no function)
   * @param count summed count
   */
  public record Location(String function, String location, String address, String kind, long count) {}

  public static List<Location> parse(String output) {
    Map<String, Location> byAddress = new LinkedHashMap<>();
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      Matcher m = SYMBOL.matcher(line);
      Location l;
      if (m.find()) {
        String offset = m.group(3) == null ? "" : "+0x" + m.group(3).toLowerCase();
        l = new Location(m.group(2), m.group(2) + offset, m.group(4).toLowerCase(), m.group(5) == null ? "software" : m.group(5),
            Long.parseLong(m.group(1)));
      } else {
        Matcher n = LOCATION.matcher(line);
        if (!n.find()) {
          continue;
        }
        l = new Location(n.group(2).toLowerCase(), n.group(2).toLowerCase(), n.group(2).toLowerCase(),
            n.group(3) == null ? "software" : n.group(3), Long.parseLong(n.group(1)));
      }
      byAddress.merge(l.address() + l.kind(), l, (a, b) -> new Location(a.function(), a.location(), a.address(), a.kind(), a.count() + b.count()));
    }
    return new ArrayList<>(byAddress.values());
  }
}
