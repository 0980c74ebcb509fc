package dev.dropdx.probe.iproute;

import dev.dropdx.fact.VxlanLink;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns one line of `ip -d -o link show dev IFACE` into a {@link VxlanLink}. */
public final class VxlanLinkParser {
  // With -o the details follow "\    " after the link/ether line; the kind is the first word there.
  private static final Pattern DETAILS = Pattern.compile("promiscuity \\d+.*?\\\\\\s+(\\S+)");
  private static final Pattern VNI = Pattern.compile("\\bvxlan id (\\d+)");
  private static final Pattern REMOTE = Pattern.compile("\\bremote (\\S+)");
  private static final Pattern GROUP = Pattern.compile("\\bgroup (\\d+\\.\\d+\\.\\d+\\.\\d+)");
  private static final Pattern LOCAL = Pattern.compile("\\blocal (\\S+)");
  private static final Pattern DEV = Pattern.compile("\\bdev (\\S+)");
  private static final Pattern DSTPORT = Pattern.compile("\\bdstport (\\d+)");

  private VxlanLinkParser() {}

  /**
   * The device's kind and, for vxlan, its tunnel endpoints.
   *
   * @param ok whether `ip` succeeded (it fails when the device does not exist)
   */
  public static VxlanLink parse(String netns, String iface, boolean ok, String stdout) {
    if (!ok || stdout.isBlank()) {
      return new VxlanLink(netns, iface, "missing", -1, null, null, null, -1, null);
    }
    Matcher vni = VNI.matcher(stdout);
    if (!vni.find()) {
      Matcher kind = DETAILS.matcher(stdout);
      String k = kind.find() && kind.group(1).matches("[a-z0-9_]+") && !kind.group(1).equals("addrgenmode") ? kind.group(1) : "";
      return new VxlanLink(netns, iface, k, -1, null, null, null, -1, null);
    }
    // Only the vxlan part: "group default" earlier on the line is the link group, not a multicast group.
    String tunnel = stdout.substring(vni.start());
    return new VxlanLink(netns, iface, "vxlan", Integer.parseInt(vni.group(1)), find(REMOTE, tunnel), find(GROUP, tunnel),
        find(LOCAL, tunnel), Integer.parseInt(orElse(find(DSTPORT, tunnel), "-1")), find(DEV, tunnel));
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
