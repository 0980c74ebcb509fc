package dev.dropdx.probe.bpftrace;

/**
 * Writes the bpftrace program that reads, for each dropped IPv4 packet, its addresses, protocol,
 * destination port, device and namespace, aggregated in a map printed at exit. Only numbers go
 * into the program text (the window), so no user input can change what it does.
 */
public final class BpftraceDropScript {

  private BpftraceDropScript() {}

  /**
   * The program text.
   *
   * @param windowSeconds how long to watch before exiting
   * @param withPorts read the transport header's destination port (for UDP/TCP targets)
   */
  public static String program(int windowSeconds, boolean withPorts) {
    String port = withPorts
        ? """
          $l4 = $skb->head + $skb->network_header + ($ip->ihl * 4);
          $raw = *(uint16 *)($l4 + 2);
          $port = (($raw & 0xff) << 8) | ($raw >> 8);
          if ($ip->protocol != 6 && $ip->protocol != 17) { $port = 0; }
        """
        : "";
    return """
        tracepoint:skb:kfree_skb /args->protocol == 2048/ {
          $skb = (struct sk_buff *)args->skbaddr;
          $ip = (struct iphdr *)($skb->head + $skb->network_header);
          $dev = $skb->dev;
          $ns = (uint64)0;
          if ($dev != 0) { $ns = $dev->nd_net.net->ns.inum; }
          $port = (uint64)0;
        %s
          @drops[ksym(args->location), args->reason, ntop($ip->saddr), ntop($ip->daddr), $ip->protocol, $dev->name, $ns, $port] = count();
        }
        interval:s:%d { exit(); }
        """.formatted(port, windowSeconds);
  }
}
