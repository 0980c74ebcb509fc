package dev.dropdx.fact;

/**
 * One socket in a namespace as `ss -a -n -p -m` shows it.
 *
 * @param netns namespace name ("" for dropdx's own), e.g. dropdx-lab-r
 * @param proto "udp" or "tcp", e.g. udp
 * @param state ss's state (UNCONN, LISTEN, ESTAB, ...), e.g. UNCONN
 * @param localAddr bound address without the port: "0.0.0.0" any IPv4, "::" any IPv6 (IPV6_V6ONLY), "*" any of both, e.g. 0.0.0.0
 * @param localPort bound port, e.g. 5070
 * @param device interface the socket is bound to (SO_BINDTODEVICE, ss's "%dev"), null when none, e.g. veth0
 * @param process owning process name, null when ss could not tell, e.g. nc
 * @param pid owning process id, -1 when unknown, e.g. 4242
 * @param recvQueue bytes waiting to be read (ss Recv-Q), e.g. 212992
 * @param rcvbuf receive buffer limit in bytes (skmem rb), -1 when unknown, e.g. 212992
 * @param rmemAlloc receive memory in use (skmem r), -1 when unknown, e.g. 213760
 * @param drops packets the socket dropped (skmem d), -1 when unknown, e.g. 37
 */
public record SocketInfo(
    String netns, String proto, String state, String localAddr, int localPort, String device, String process, int pid,
    long recvQueue, long rcvbuf, long rmemAlloc, long drops)
    implements Evidence {

  /** True when the socket is bound to any local address. */
  public boolean wildcard() {
    return localAddr.equals("*") || localAddr.equals("0.0.0.0") || localAddr.equals("[::]") || localAddr.equals("::");
  }

  /**
   * True when a packet to this address could reach the socket: same address, or bound to any
   * address of the packet's family. ss shows an IPv4 wildcard as 0.0.0.0 (IPv4 only), an IPv6
   * socket that takes both families as "*", and an IPV6_V6ONLY one as [::] (IPv6 only, measured).
   */
  public boolean accepts(String address) {
    if (address == null || localAddr.equals("*")) {
      return true;
    }
    int family = IpPrefix.familyOf(address);
    if (localAddr.equals("0.0.0.0")) {
      return family != 6;
    }
    if (localAddr.equals("[::]") || localAddr.equals("::")) {
      return family != 4;
    }
    return localAddr.equals(address) || IpPrefix.parse(localAddr).map(p -> p.contains(address)).orElse(false);
  }

  /** The IP family the socket takes: 4 (0.0.0.0 or an IPv4 address), 6 ([::] or an IPv6 address), 0 for both ("*"). */
  public int family() {
    if (localAddr.equals("0.0.0.0")) {
      return 4;
    }
    if (localAddr.equals("[::]") || localAddr.equals("::")) {
      return 6;
    }
    return IpPrefix.familyOf(localAddr);
  }

  /** Who owns it, in words. */
  public String owner() {
    return process == null ? "an unknown process" : process + " (pid " + pid + ")";
  }

  /** proto address:port, as a person would write it. */
  public String endpoint() {
    return proto + " " + localAddr + (device == null ? "" : "%" + device) + ":" + localPort;
  }

  @Override
  public String describe() {
    String mem = rcvbuf < 0 ? "" : ", receive buffer " + rmemAlloc + " of " + rcvbuf + " bytes used, " + drops + " drop(s)";
    return endpoint() + " " + state + " owned by " + owner() + mem + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
