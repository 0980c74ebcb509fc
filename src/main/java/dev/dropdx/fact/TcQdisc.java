package dev.dropdx.fact;

/**
 * One queueing discipline of a device as `tc -s qdisc show dev IFACE` lists it, with its counters.
 * The clsact and ingress qdiscs hold the tc filters; their {@code dropped} counts what the filters
 * dropped (cls_bpf has no counter of its own).
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param iface the device, e.g. veth0
 * @param kind qdisc kind (tbf, htb, pfifo, clsact, ingress, noqueue, ...), e.g. tbf
 * @param handle its handle ("8007:", "ffff:"), e.g. 8001:
 * @param parent "root", or the parent class or pseudo-parent ("1:1", "ffff:fff1"), e.g. root
 * @param params the settings after the parent on the qdisc's line ("rate 1Mbit burst 2Kb lat 8.19ms"), e.g. rate 1Mbit burst 1600b lat 50ms
 * @param sentPackets packets it sent, e.g. 1200
 * @param dropped packets it dropped, e.g. 87
 * @param overlimits times it was over its limit (shapers), e.g. 87
 */
public record TcQdisc(
    String netns, String iface, String kind, String handle, String parent, String params, long sentPackets, long dropped,
    long overlimits)
    implements Evidence {

  /** True for the qdiscs that only hold filters (clsact, ingress) and never queue. */
  public boolean holdsFilters() {
    return kind.equals("clsact") || kind.equals("ingress");
  }

  /** True when this qdisc hangs below {@code other} (its parent class is one of other's). */
  public boolean below(TcQdisc other) {
    return !parent.equals("root") && handle.endsWith(":") && parent.startsWith(other.handle()) && !other.handle().equals(handle);
  }

  /** The argument that names where the qdisc sits, for tc commands: "root" or "parent 1:1". */
  public String placement() {
    return parent.equals("root") ? "root" : "parent " + parent;
  }

  @Override
  public String describe() {
    return "qdisc " + kind + " " + handle + " " + placement() + " on " + iface + (params.isEmpty() ? "" : " (" + params + ")")
        + ": sent " + sentPackets + " pkt, dropped " + dropped + ", overlimits " + overlimits;
  }
}
