package dev.dropdx.fact;

/**
 * What `ip -d -s -s link show dev IFACE` says about one device: the settings and counters that
 * explain drops no kfree_skb counter shows (an XDP program, a bridge port's STP state, frames for
 * another host's MAC, the MTU).
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param iface the device asked about, e.g. veth0
 * @param exists false when the device does not exist (every other field is then empty)
 * @param kind link kind ("veth", "bridge", ...), "" when iproute2 names none (e.g. loopback)
 * @param mtu the device MTU, -1 when unknown, e.g. 1500
 * @param state operational state (UP, DOWN, UNKNOWN, LOWERLAYERDOWN), e.g. UP
 * @param mac the device's link-layer address, null when it has none, e.g. 02:00:c6:12:00:01
 * @param master the bridge or bond the device is enslaved to, null when none, e.g. br0
 * @param xdpMode how an attached XDP program runs ("xdpgeneric", "xdp" = native, "xdpoffload"),
 *     null when no XDP program is attached, e.g. xdpgeneric
 * @param xdpProgram the attached program as iproute2 names it ("id 903 name dropdx_xdp"), null when none, e.g. 17
 * @param rxDropped RX dropped counter, -1 when unknown, e.g. 12
 * @param txDropped TX dropped counter, -1 when unknown, e.g. 0
 * @param rxOtherhostDropped frames dropped because their destination MAC was another host's
 *     ("otherhost" of `ip -s -s link`, printed only when not 0), -1 when no statistics were read, e.g. 0
 * @param bridgePortState the STP state of the device as a bridge port (blocking, listening,
 *     learning, forwarding, disabled), null when it is not a bridge port, e.g. forwarding
 */
public record LinkInfo(
    String netns,
    String iface,
    boolean exists,
    String kind,
    int mtu,
    String state,
    String mac,
    String master,
    String xdpMode,
    String xdpProgram,
    long rxDropped,
    long txDropped,
    long rxOtherhostDropped,
    String bridgePortState)
    implements Evidence {

  /** A device `ip` says does not exist. */
  public static LinkInfo missing(String netns, String iface) {
    return new LinkInfo(netns, iface, false, "", -1, null, null, null, null, null, -1, -1, -1, null);
  }

  /** True when an XDP program is attached, in any mode. */
  public boolean hasXdp() {
    return xdpMode != null;
  }

  @Override
  public String describe() {
    if (!exists) {
      return iface + " is not a device here";
    }
    StringBuilder s = new StringBuilder(iface + ": " + (kind.isEmpty() ? "" : kind + ", ") + "mtu " + mtu + ", state " + state);
    if (mac != null) {
      s.append(", mac ").append(mac);
    }
    if (master != null) {
      s.append(", master ").append(master);
    }
    if (bridgePortState != null) {
      s.append(", bridge port state ").append(bridgePortState);
    }
    s.append(hasXdp() ? ", XDP program " + xdpProgram + " attached (" + xdpMode + ")" : ", no XDP program");
    if (rxOtherhostDropped >= 0) {
      s.append(", rx otherhost dropped ").append(rxOtherhostDropped);
    }
    return s.append(", rx dropped ").append(rxDropped).append(", tx dropped ").append(txDropped).toString();
  }
}
