package dev.dropdx.knowledge;

import java.util.List;

/**
 * A place where the kernel frees packets with a drop reason although nothing was lost: a reason
 * page lists them so that neither the rules nor the namespace table take these frees for drops.
 *
 * @param function the freeing function as the tracepoint names it, without compiler suffix, e.g. ping_rcv
 * @param protocols the IP protocols (transport header, after IPv6 extension headers) the free is
 *     normal for; empty for any, e.g. [58]
 * @param why what the free is, in plain words, e.g. an ICMP echo reply freed after ping's raw socket took its copy
 */
public record NormalFree(String function, List<Integer> protocols, String why) {

  public NormalFree {
    protocols = protocols == null ? List.of() : List.copyOf(protocols);
  }

  /** A normal free at a function whatever the packet's protocol. */
  public NormalFree(String function, String why) {
    this(function, List.of(), why);
  }

  /** True when the drop's function is this one, with or without a compiler suffix (ping_rcv.cold). */
  public boolean at(String dropFunction) {
    return dropFunction != null && (dropFunction.equals(function) || dropFunction.startsWith(function + "."));
  }

  /** True at this function for a packet of one of the listed protocols (any, when none are listed; -1 = unknown never matches a list). */
  public boolean at(String dropFunction, int protocol) {
    return at(dropFunction) && (protocols.isEmpty() || protocols.contains(protocol));
  }
}
