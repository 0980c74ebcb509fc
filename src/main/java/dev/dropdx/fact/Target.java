package dev.dropdx.fact;

/**
 * What the user asked about: the packets whose drops we look for. Null fields match anything.
 *
 * @param src source IPv4 address, e.g. 198.18.0.1
 * @param dst destination IPv4 address, e.g. 198.18.1.2
 * @param protocol IP protocol number, e.g. 17
 * @param dport destination port (UDP/TCP only), e.g. 5070
 * @param iface receiving or sending interface, e.g. veth0
 * @param netns network namespace: a name; {@code pid:N} for an unnamed one (a container's) entered
 *     through process N; "*" for every namespace on the host (diagnose --all-netns);
 *     empty for the namespace dropdx runs in, e.g. dropdx-lab-r
 */
public record Target(String src, String dst, Integer protocol, Integer dport, String iface, String netns) {

  /** The netns of a target that covers every namespace on the host (diagnose --all-netns). */
  public static final String ALL_NETNS = "*";

  public Target {
    netns = netns == null ? "" : netns;
  }

  /** True when the target covers every namespace on the host. */
  public boolean allNetns() {
    return ALL_NETNS.equals(netns);
  }

  /** The same packets in one namespace (a namespace id: "", a name or pid:N). */
  public Target inNetns(String namespace) {
    return new Target(src, dst, protocol, dport, iface, namespace);
  }

  /** True when a packet with these header fields is one of the target's packets. */
  public boolean matches(String pktSrc, String pktDst, int pktProtocol, Integer pktDport) {
    return (src == null || src.equals(pktSrc))
        && (dst == null || dst.equals(pktDst))
        && (protocol == null || protocol == pktProtocol)
        && (dport == null || dport.equals(pktDport));
  }

  /** The target in words, for the trail and the report. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    append(sb, "src", src);
    append(sb, "dst", dst);
    append(sb, "proto", protocol == null ? null : Protocols.name(protocol));
    append(sb, "dport", dport == null ? null : dport.toString());
    append(sb, "iface", iface);
    append(sb, "netns", netns.isEmpty() ? null : allNetns() ? "all" : netns);
    return sb.isEmpty() ? "all IPv4 packets" : sb.toString().trim();
  }

  private static void append(StringBuilder sb, String key, String value) {
    if (value != null) {
      sb.append(key).append('=').append(value).append(' ');
    }
  }
}
