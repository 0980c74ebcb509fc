package dev.dropdx.probe.iproute;

import dev.dropdx.fact.RouteLookup;
import dev.dropdx.probe.exec.CommandResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns `ip -o route get` output into a {@link RouteLookup}. */
public final class RouteOutputParser {
  private static final Pattern DEV = Pattern.compile("\\bdev (\\S+)");
  private static final Pattern TYPE = Pattern.compile("^(local|broadcast|multicast|unreachable|prohibit|blackhole|throw) ");
  private static final Pattern RTNETLINK = Pattern.compile("RTNETLINK answers: (.+)");

  private RouteOutputParser() {}

  /** The lookup's result, or its error as the kernel worded it. */
  public static RouteLookup parse(String netns, String kind, String destination, String source, String iif, CommandResult r) {
    if (!r.ok()) {
      Matcher m = RTNETLINK.matcher(r.stderr());
      String error = m.find() ? m.group(1).strip() : r.firstError();
      return new RouteLookup(netns, kind, destination, source, iif, null, null, error);
    }
    String line = r.stdout().strip();
    Matcher dev = DEV.matcher(line);
    Matcher type = TYPE.matcher(line);
    return new RouteLookup(netns, kind, destination, source, iif, dev.find() ? dev.group(1) : null,
        type.find() ? type.group(1) : "unicast", null);
  }
}
