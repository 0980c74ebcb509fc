package dev.dropdx.probe.iproute;

import dev.dropdx.fact.LinkState;
import dev.dropdx.fact.NeighbourEntry;
import dev.dropdx.fact.NextHop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads `ip -s neigh show`, `ip -br link show` and `ip -o route get` lines into facts. */
public final class NeighbourParser {
  private static final Pattern STATE = Pattern.compile("^[A-Z_]+$");
  // "probes 4", and "used 1/62/1probes 4" as iproute2 prints it without a space
  private static final Pattern PROBES = Pattern.compile("probes (\\d+)");
  private static final Pattern FLAGS = Pattern.compile("<([^>]*)>");

  private NeighbourParser() {}

  /** Each line: ADDRESS [dev DEV] [lladdr MAC] [router] [used A/B/C] [probes N] STATE... */
  public static List<NeighbourEntry> neighbours(String netns, String dev, String output) {
    List<NeighbourEntry> entries = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] t = line.strip().split("\\s+");
      if (t.length < 2 || t[0].isEmpty()) {
        continue;
      }
      String device = dev;
      String lladdr = null;
      List<String> states = new ArrayList<>();
      for (int i = 1; i < t.length; i++) {
        if (t[i].equals("dev") && i + 1 < t.length) {
          device = t[++i];
        } else if (t[i].equals("lladdr") && i + 1 < t.length) {
          lladdr = t[++i];
        } else if (STATE.matcher(t[i]).matches()) {
          states.add(t[i]);
        }
      }
      if (device == null || states.isEmpty()) {
        continue;
      }
      Matcher p = PROBES.matcher(line);
      entries.add(new NeighbourEntry(netns, t[0], device, lladdr, String.join(" ", states), p.find() ? Integer.parseInt(p.group(1)) : -1));
    }
    return entries;
  }

  /** Each line: NAME[@PEER] STATE [MAC] <FLAGS>. */
  public static List<LinkState> links(String netns, String output) {
    List<LinkState> links = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] t = line.strip().split("\\s+");
      Matcher f = FLAGS.matcher(line);
      if (t.length < 2 || !f.find()) {
        continue;
      }
      String name = t[0].contains("@") ? t[0].substring(0, t[0].indexOf('@')) : t[0];
      List<String> flags = f.group(1).isEmpty() ? List.of() : Arrays.asList(f.group(1).split(","));
      links.add(new LinkState(netns, name, t[1], flags));
    }
    return links;
  }

  /** `ip -o route get DST`: "DST via GW dev DEV src ..." or "DST dev DEV src ..."; empty on an error or a local route. */
  public static Optional<NextHop> nextHop(String netns, String destination, String output) {
    for (String line : output.split("\n")) {
      List<String> t = Arrays.asList(line.strip().split("\\s+"));
      int dev = t.indexOf("dev");
      if (dev < 0 || dev + 1 >= t.size() || t.get(0).equals("local") || t.get(0).equals("broadcast") || t.get(0).equals("multicast")) {
        continue;
      }
      int via = t.indexOf("via");
      String address = via >= 0 && via + 1 < t.size() ? t.get(via + 1) : destination;
      return Optional.of(new NextHop(netns, destination, address, t.get(dev + 1), via >= 0));
    }
    return Optional.empty();
  }
}
