package dev.dropdx.fact;

import java.util.List;

/**
 * Packets freed by kfree_skb at one place for one reason.
 *
 * @param function the dropping function (the tracepoint's location, without offset), e.g.
 *     __netif_receive_skb_core.constprop.0; it keeps compiler suffixes, so match it with
 *     {@code function matches "__netif_receive_skb_core(\\..*)?"}
 * @param location function+offset when the backend gives it, else the function, e.g. ip_rcv_finish+0x1f4
 * @param reason drop reason name from the running kernel (NOT_SPECIFIED when none), e.g. IP_RPFILTER
 * @param count how many packets, e.g. 12
 * @param match whether these are the target's packets
 * @param netns namespace name the drop was attributed to ("" when it is dropdx's own), e.g. dropdx-lab-r
 * @param iface device of the skb, null when unknown, e.g. veth0
 * @param src source address, null when unknown, e.g. 198.18.0.1
 * @param dst destination address, null when unknown, e.g. 198.18.1.2
 * @param protocol IP protocol, -1 when unknown, e.g. 17
 * @param stack kernel stack of one occurrence, innermost first; empty when not collected, e.g. [kfree_skb_reason ip_rcv_finish ip_rcv]
 */
public record Drop(
    String function,
    String location,
    String reason,
    long count,
    TargetMatch match,
    String netns,
    String iface,
    String src,
    String dst,
    int protocol,
    List<String> stack)
    implements Evidence {

  public Drop {
    stack = stack == null ? List.of() : List.copyOf(stack);
  }

  /**
   * Drops seen without per-packet evidence (tracefs alone, dropwatch): attributed to the target's
   * namespace, interface and addresses, marked {@link TargetMatch#UNFILTERED}.
   */
  public static Drop unfiltered(String function, String location, String reason, long count, Target target, List<String> stack) {
    return new Drop(function, location, reason, count, TargetMatch.UNFILTERED, target.netns(), target.iface(), target.src(),
        target.dst(), target.protocol() == null ? -1 : target.protocol(), stack);
  }

  /** True unless per-packet evidence shows these are someone else's packets. */
  public boolean mayBeTarget() {
    return match != TargetMatch.OTHER;
  }

  @Override
  public String describe() {
    String who = src == null ? "" : " (" + src + " -> " + dst + (iface == null ? "" : " on " + iface) + ")";
    return count + " packet(s) dropped at " + location + " with reason " + reason + who;
  }
}
