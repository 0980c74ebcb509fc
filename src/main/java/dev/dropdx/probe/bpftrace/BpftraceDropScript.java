package dev.dropdx.probe.bpftrace;

/**
 * Writes the bpftrace program that reads, for each dropped IPv4 packet (or IPv6 packet, see
 * {@link #ipv6Program}), its addresses, protocol, destination port, device and namespace (the
 * device's; without a device, the socket's; else 0: unattributable, never guessed), aggregated in a
 * map printed at exit and, between markers, every {@link #TICK_MILLIS} ms while it runs (so the
 * watch can end once the target's drops are seen). Kernel stacks are a sample: the first
 * {@link #STACKS_PER_PLACE} drop(s) of each location and reason (a stack per drop costs the host,
 * and one per place is all the evidence keeps), printed with the map in {@code @stacks}. Only
 * numbers go into the program text (the window), so no user input can change what it does.
 */
public final class BpftraceDropScript {
  /** Printed before each periodic dump of the map, so the watch can see drops while it runs. */
  public static final String TICK = "--- dropdx tick ---";
  /** Printed by END, before bpftrace prints its maps at exit (the window ran out or it was stopped). */
  public static final String FINAL = "--- dropdx final ---";
  /** How many IPv6 extension headers the IPv6 program skips at most to reach the transport header. */
  public static final int IPV6_EXT_HEADERS = 6;
  /** How often the map is dumped while watching, so the watch can end once the target's drops are seen. */
  public static final int TICK_MILLIS = 100;
  /**
   * How often the map is dumped by a watch that always runs its whole window (every namespace): no
   * dump can end it early, so ten a second would only cost the host (bpftrace walks and prints the
   * map each time, the JVM reads it); one a second keeps a recent map should bpftrace be killed.
   */
  public static final int WHOLE_WINDOW_TICK_MILLIS = 1000;
  /** Kernel stacks taken per drop location and reason; later drops there are counted, not walked. */
  public static final int STACKS_PER_PLACE = 1;

  private BpftraceDropScript() {}

  /**
   * The program text.
   *
   * @param windowSeconds how long to watch before exiting
   * @param withPorts read the transport header's destination port (for UDP/TCP targets)
   */
  public static String program(int windowSeconds, boolean withPorts) {
    return program(windowSeconds, withPorts, TICK_MILLIS);
  }

  /** {@link #program(int, boolean)} with the map dumped every {@code tickMillis}. */
  public static String program(int windowSeconds, boolean withPorts, int tickMillis) {
    return ipv4Probe(withPorts) + footer(windowSeconds, tickMillis);
  }

  /**
   * The program for a watch of both families (every namespace, no address to say which): the IPv4
   * and the IPv6 probe side by side, writing the one map {@link BpftraceOutputParser} reads (the
   * keys have the same types: ntop gives one address type for both families).
   *
   * @param windowSeconds how long to watch before exiting
   * @param withPorts read the transport header's destination port (for UDP/TCP targets)
   */
  public static String bothFamiliesProgram(int windowSeconds, boolean withPorts) {
    return bothFamiliesProgram(windowSeconds, withPorts, TICK_MILLIS);
  }

  /** {@link #bothFamiliesProgram(int, boolean)} with the map dumped every {@code tickMillis}. */
  public static String bothFamiliesProgram(int windowSeconds, boolean withPorts, int tickMillis) {
    return ipv4Probe(withPorts) + ipv6Probe(withPorts) + footer(windowSeconds, tickMillis);
  }

  /** The tracepoint probe that reads IPv4 packets (and IPv4 sockets' packets freed before their header). */
  private static String ipv4Probe(boolean withPorts) {
    String port = withPorts
        ? """
              $l4 = $skb->head + $skb->network_header + ($ip->ihl * 4);
              $raw = *(uint16 *)($l4 + 2);
              $port = (($raw & 0xff) << 8) | ($raw >> 8);
              if ($ip->protocol != 6 && $ip->protocol != 17) { $port = 0; }
        """
        : "";
    // protocol 0: a locally generated packet freed before the IP layer wrote its header and set
    // skb->protocol (measured: TCP segments dropped in __ip_queue_xmit with IP_OUTNOROUTES have
    // protocol 0, no device and network_header 0). Only IPv4 sockets' packets are taken, and their
    // addresses, protocol, port and namespace come from the socket instead of the (unwritten) header.
    // The socket's family is read for those only: a packet with its header needs no read of it (every
    // read is a helper call on each drop, and a flood's drops are all of the target's family).
    return """
        tracepoint:skb:kfree_skb /args->protocol == 2048 || args->protocol == 0/ {
          $skb = (struct sk_buff *)args->skbaddr;
          $sk = $skb->sk;
          $family = (uint64)0;
          if (args->protocol == 0 && $sk != 0) { $family = $sk->__sk_common.skc_family; }
          if (args->protocol == 2048 || $family == 2) {
            $ip = (struct iphdr *)($skb->head + $skb->network_header);
            $dev = $skb->dev;
            $ns = (uint64)0;
            if ($dev != 0) { $ns = $dev->nd_net.net->ns.inum; }
            else { if ($sk != 0) { $ns = $sk->__sk_common.skc_net.net->ns.inum; } }
            $saddr = $ip->saddr;
            $daddr = $ip->daddr;
            $proto = (uint64)$ip->protocol;
            $port = (uint64)0;
            if (args->protocol == 2048) {
        %s
            } else {
              $saddr = $sk->__sk_common.skc_rcv_saddr;
              $daddr = $sk->__sk_common.skc_daddr;
              $proto = (uint64)$sk->sk_protocol;
              $sport = $sk->__sk_common.skc_dport;
              $port = (($sport & 0xff) << 8) | ($sport >> 8);
              $ns = $sk->__sk_common.skc_net.net->ns.inum;
            }
            @drops[ksym(args->location), args->reason, ntop($saddr), ntop($daddr), $proto, $dev->name, $ns, $port] = count();
        %s
          }
        }
        """.formatted(port, stackSample());
  }

  /** The periodic dumps, the window's end and the final marker: the same in every program. */
  private static String footer(int windowSeconds, int tickMillis) {
    return """
        interval:ms:%d { printf("%s\\n"); print(@drops); print(@stacks); }
        interval:s:%d { exit(); }
        END { clear(@stacked); printf("%s\\n"); }
        """.formatted(tickMillis, TICK, windowSeconds, FINAL);
  }

  /**
   * The stack sample, inside each family's probe right after the drop is counted: the kernel stack
   * of the first {@link #STACKS_PER_PLACE} drop(s) of each location and reason, keyed like
   * {@code @drops}'s first two fields. {@code @stacked} counts the stacks taken per place and is
   * cleared at exit. Inside, not a probe of its own on the same tracepoint: every drop then runs
   * one BPF program instead of two, and only drops the map counts (the watched families) are sampled.
   */
  static String stackSample() {
    return """
            if (@stacked[args->location, args->reason] < %d) {
              @stacked[args->location, args->reason] = @stacked[args->location, args->reason] + 1;
              @stacks[ksym(args->location), args->reason] = kstack;
            }""".formatted(STACKS_PER_PLACE);
  }

  /**
   * The program for IPv6 targets: the same map as {@link #program}, read from the IPv6 header
   * (skb->protocol 0x86DD = 34525) at head + network_header. Extension headers (hop-by-hop 0,
   * routing 43, fragment 44, AH 51, destination options 60) are skipped, at most
   * {@link #IPV6_EXT_HEADERS} of them (BPF needs a bound), to the transport header: its protocol is
   * the map's, and for UDP/TCP its destination port. A packet with more extension headers keeps the
   * last one's number as protocol, so it fails to match a UDP/TCP target rather than matching
   * wrongly. As for IPv4, a packet of an IPv6 socket freed before its header was written (protocol 0)
   * is read from the socket.
   *
   * @param windowSeconds how long to watch before exiting
   * @param withPorts read the transport header's destination port (for UDP/TCP targets)
   */
  public static String ipv6Program(int windowSeconds, boolean withPorts) {
    return ipv6Program(windowSeconds, withPorts, TICK_MILLIS);
  }

  /** {@link #ipv6Program(int, boolean)} with the map dumped every {@code tickMillis}. */
  public static String ipv6Program(int windowSeconds, boolean withPorts, int tickMillis) {
    return ipv6Probe(withPorts) + footer(windowSeconds, tickMillis);
  }

  /** The tracepoint probe that reads IPv6 packets (and IPv6 sockets' packets freed before their header). */
  private static String ipv6Probe(boolean withPorts) {
    String port = withPorts
        ? """
                  if ($proto == 6 || $proto == 17) {
                    $raw = *(uint16 *)($nhp + $off + 2);
                    $port = (($raw & 0xff) << 8) | ($raw >> 8);
                  }
            """
        : "";
    return """
        tracepoint:skb:kfree_skb /args->protocol == 34525 || args->protocol == 0/ {
          $skb = (struct sk_buff *)args->skbaddr;
          $sk = $skb->sk;
          $family = (uint64)0;
          if (args->protocol == 0 && $sk != 0) { $family = $sk->__sk_common.skc_family; }
          if (args->protocol == 34525 || $family == 10) {
            $nhp = $skb->head + $skb->network_header;
            $ip6 = (struct ipv6hdr *)$nhp;
            $dev = $skb->dev;
            $ns = (uint64)0;
            if ($dev != 0) { $ns = $dev->nd_net.net->ns.inum; }
            else { if ($sk != 0) { $ns = $sk->__sk_common.skc_net.net->ns.inum; } }
            $saddr = $ip6->saddr.in6_u.u6_addr8;
            $daddr = $ip6->daddr.in6_u.u6_addr8;
            $proto = (uint64)$ip6->nexthdr;
            $port = (uint64)0;
            if (args->protocol == 34525) {
              $off = (uint64)40;
              unroll(%d) {
                if ($proto == 0 || $proto == 43 || $proto == 44 || $proto == 51 || $proto == 60) {
                  $eh = $nhp + $off;
                  $len = (uint64)*(uint8 *)($eh + 1);
                  if ($proto == 44) { $off = $off + 8; }
                  else { if ($proto == 51) { $off = $off + ($len + 2) * 4; } else { $off = $off + ($len + 1) * 8; } }
                  $proto = (uint64)*(uint8 *)$eh;
                }
              }
        %s
            } else {
              $saddr = $sk->__sk_common.skc_v6_rcv_saddr.in6_u.u6_addr8;
              $daddr = $sk->__sk_common.skc_v6_daddr.in6_u.u6_addr8;
              $proto = (uint64)$sk->sk_protocol;
              $sport = $sk->__sk_common.skc_dport;
              $port = (($sport & 0xff) << 8) | ($sport >> 8);
              $ns = $sk->__sk_common.skc_net.net->ns.inum;
            }
            @drops[ksym(args->location), args->reason, ntop($saddr), ntop($daddr), $proto, $dev->name, $ns, $port] = count();
        %s
          }
        }
        """.formatted(IPV6_EXT_HEADERS, port, stackSample());
  }
}
