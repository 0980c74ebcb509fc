package dev.dropdx.fact;

/**
 * What `ip -d link show dev IFACE` says about a device that may be a VXLAN tunnel: its kind and,
 * for a vxlan device, where it sends the encapsulated packets.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param iface the device asked about, e.g. vxlan0
 * @param kind link kind ("vxlan", "veth", ...); "" when iproute2 names none (e.g. loopback); "missing"
 *     when the device does not exist
 * @param vni VXLAN network identifier, -1 when not vxlan, e.g. 42
 * @param remote the default remote VTEP (unicast), null when none is configured, e.g. 198.18.50.2
 * @param group the multicast group used instead of a remote, null when none, e.g. 239.1.1.1
 * @param local the local VTEP address the tunnel sends from, null when the kernel chooses, e.g. 198.18.50.1
 * @param dstport UDP destination port of the encapsulation, -1 when not vxlan, e.g. 4789
 * @param underlay the underlay device the tunnel is bound to, null when the route decides, e.g. veth0
 */
public record VxlanLink(
    String netns, String iface, String kind, int vni, String remote, String group, String local, int dstport, String underlay)
    implements Evidence {

  /** True when the device is a VXLAN tunnel. */
  public boolean vxlan() {
    return "vxlan".equals(kind);
  }

  @Override
  public String describe() {
    if (!vxlan()) {
      return iface + " is " + (kind.equals("missing") ? "not a device here" : "not a vxlan device (kind " + (kind.isEmpty() ? "none" : kind) + ")");
    }
    return iface + " is vxlan id " + vni
        + (remote != null ? " remote " + remote : group != null ? " group " + group : " with no default remote")
        + (local != null ? " local " + local : "")
        + " dstport " + dstport
        + (underlay != null ? " dev " + underlay : " (no underlay device: the route to the remote decides)");
  }
}
