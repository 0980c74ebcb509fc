package dev.dropdx.fact;

/**
 * One IPsec (xfrm) policy of a namespace as `ip xfrm policy show` prints it: which packets it
 * selects, in which direction, and what it requires of them.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param selector the whole selector as printed ("src A/32 dst B/32 proto udp dport 53"), what
 *     `ip xfrm policy delete SELECTOR dir DIR` takes, e.g. src 198.18.0.0/24 dst 198.18.1.0/24
 * @param src source selector with prefix length (e.g. 198.18.1.1/32)
 * @param dst destination selector with prefix length, e.g. 198.18.1.0/24
 * @param proto selected protocol name or number, null when any, e.g. udp
 * @param dir in, out or fwd, e.g. in
 * @param action block or allow, e.g. block
 * @param priority the policy's priority (lower wins), -1 when not printed, e.g. 0
 * @param template the first template it requires ("proto esp mode transport src A dst B"), null when none, e.g. tmpl src 198.18.0.1 dst 198.18.1.2 proto esp
 */
public record XfrmPolicy(String netns, String selector, String src, String dst, String proto, String dir, String action, long priority, String template)
    implements Evidence {

  /** True when the policy refuses the packets it selects outright. */
  public boolean blocks() {
    return "block".equals(action);
  }

  /** True when the policy lets packets pass only if they were transformed (ESP/AH) as its template says. */
  public boolean requiresTransform() {
    return !blocks() && template != null;
  }

  /**
   * True when a packet from {@code from} to {@code to} (IPv4 addresses) falls in both selectors and,
   * when the policy names a protocol, {@code protocol} (an IP protocol number, -1 unknown) is it.
   */
  public boolean covers(String from, String to, int protocol) {
    return Ipv4Prefix.contains(src, from) && Ipv4Prefix.contains(dst, to) && (proto == null || proto.equals(Protocols.name(protocol))
        || proto.equals(String.valueOf(protocol)));
  }

  /** The selector and direction as `ip xfrm policy delete` takes them. */
  public String selectorAndDir() {
    return selector + " dir " + dir;
  }

  @Override
  public String describe() {
    return "xfrm policy " + selectorAndDir() + (blocks() ? " action block" : template == null ? " action allow" : " requires tmpl " + template)
        + (priority < 0 ? "" : " priority " + priority) + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }

  /** IPv4 prefix arithmetic for the selectors (IPv6 selectors match nothing here). */
  static final class Ipv4Prefix {
    private Ipv4Prefix() {}

    static boolean contains(String prefix, String address) {
      if (prefix == null || address == null) {
        return false;
      }
      String[] parts = prefix.split("/");
      Long net = parse(parts[0]);
      Long addr = parse(address);
      if (net == null || addr == null) {
        return false;
      }
      int len = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
      long mask = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
      return (net & mask) == (addr & mask);
    }

    private static Long parse(String dotted) {
      String[] o = dotted.split("\\.");
      if (o.length != 4) {
        return null;
      }
      long v = 0;
      for (String part : o) {
        try {
          int b = Integer.parseInt(part);
          if (b < 0 || b > 255) {
            return null;
          }
          v = (v << 8) | b;
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return v;
    }
  }
}
