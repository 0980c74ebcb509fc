package dev.dropdx.fact;

/**
 * What the user asked about: the packets whose drops we look for. Null fields match anything.
 *
 * @param src source address or prefix, IPv4 or IPv6 (canonical text, see {@link IpPrefix}), e.g. 198.18.0.1, 2001:db8:1::/64
 * @param dst destination address or prefix, IPv4 or IPv6, e.g. 198.18.1.2, 2001:db8:2::2
 * @param protocol IP protocol number, e.g. 17
 * @param dport destination port (UDP/TCP only), e.g. 5070
 * @param iface receiving or sending interface, e.g. veth0
 * @param netns network namespace name; empty for the namespace dropdx runs in, e.g. dropdx-lab-r
 */
public record Target(String src, String dst, Integer protocol, Integer dport, String iface, String netns) {

  /** ICMPv6's protocol number: a target that names it is about IPv6 packets. */
  private static final int ICMPV6 = 58;

  public Target {
    netns = netns == null ? "" : netns;
    // Canonical text, so the target reads as bpftrace and iproute2 print addresses (2001:DB8::01 -> 2001:db8::1).
    src = canonical(src);
    dst = canonical(dst);
  }

  private static String canonical(String ip) {
    return ip == null ? null : IpPrefix.parse(ip).map(IpPrefix::toString).orElse(ip);
  }

  /**
   * The IP family the target's packets belong to: 6 when an address is IPv6 or the protocol is
   * ICMPv6, 4 when an address is IPv4, 0 when the target does not say (then IPv4, as before IPv6
   * targets existed, is what the watch reads).
   */
  public int family() {
    int f = Math.max(IpPrefix.familyOf(src), IpPrefix.familyOf(dst));
    return f != 0 ? f : (protocol != null && protocol == ICMPV6 ? 6 : 0);
  }

  /** True when the target's packets are IPv6 ones. */
  public boolean ipv6() {
    return family() == 6;
  }

  /**
   * True when a packet with these header fields is one of the target's packets; an address of the
   * target that is a prefix matches every packet address inside it.
   */
  public boolean matches(String pktSrc, String pktDst, int pktProtocol, Integer pktDport) {
    return covers(src, pktSrc)
        && covers(dst, pktDst)
        && (protocol == null || protocol == pktProtocol)
        && (dport == null || dport.equals(pktDport));
  }

  private static boolean covers(String mine, String packet) {
    if (mine == null || mine.equals(packet)) {
      return true;
    }
    return IpPrefix.parse(mine).map(p -> p.contains(packet)).orElse(false);
  }

  /** The target in words, for the trail and the report. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    append(sb, "src", src);
    append(sb, "dst", dst);
    append(sb, "proto", protocol == null ? null : Protocols.name(protocol));
    append(sb, "dport", dport == null ? null : dport.toString());
    append(sb, "iface", iface);
    append(sb, "netns", netns.isEmpty() ? null : netns);
    return sb.isEmpty() ? "all IPv4 packets" : sb.toString().trim();
  }

  private static void append(StringBuilder sb, String key, String value) {
    if (value != null) {
      sb.append(key).append('=').append(value).append(' ');
    }
  }
}
