package dev.dropdx.probe.iproute;

import dev.dropdx.fact.LocalAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns `ip -o -4 addr show` output into {@link LocalAddress} facts, one per IPv4 address. */
public final class LocalAddressParser {
  // "2: al-rx0    inet 198.18.50.2/24 scope global al-rx0\       valid_lft ..."
  private static final Pattern LINE = Pattern.compile("^\\d+:\\s+(\\S+)\\s+inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+)\\b");

  private LocalAddressParser() {}

  /** Every IPv4 address in the output; IPv6 lines are skipped. */
  public static List<LocalAddress> parse(String netns, String stdout) {
    List<LocalAddress> out = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        // An interface name may carry "@peer" only in link output; strip it defensively.
        String iface = m.group(1).replaceFirst("@.*", "");
        out.add(new LocalAddress(netns, iface, m.group(2), Integer.parseInt(m.group(3))));
      }
    }
    return out;
  }
}
