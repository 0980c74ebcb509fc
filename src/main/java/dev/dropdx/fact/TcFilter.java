package dev.dropdx.fact;

/**
 * One tc filter attached to a device's ingress or egress hook, as `tc -s filter show dev IFACE
 * ingress|egress` lists it.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param iface the device, e.g. veth0
 * @param direction "ingress" or "egress", e.g. ingress
 * @param kind classifier (bpf, u32, flower, matchall, ...), e.g. u32
 * @param protocol the protocol it applies to ("all", "ip", ...), e.g. ip
 * @param pref its preference (priority), the number that names it in `tc filter del ... pref N`, e.g. 49152
 * @param directAction true when the classifier's own return value is the verdict (bpf da)
 * @param drops true when the listing shows a drop verdict (gact "action drop"/"shot"), or the
 *     filter is direct-action (its program can return TC_ACT_SHOT): the listing cannot say more
 * @param text the filter's description line(s), as tc prints them, e.g. filter protocol ip pref 49152 u32 ... action drop
 */
public record TcFilter(
    String netns, String iface, String direction, String kind, String protocol, int pref, boolean directAction, boolean drops,
    String text)
    implements Evidence {

  @Override
  public String describe() {
    return direction + " filter " + kind + " pref " + pref + " on " + iface + (drops ? " (may drop)" : "") + ": " + text;
  }
}
