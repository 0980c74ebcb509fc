package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A VXLAN tunnel whose remote VTEP has no underlay route (the article's case 3): overlay packets
 * routed into vx0 are dropped at vxlan_xmit_one with IP_OUTNOROUTES. One namespace: the underlay is
 * a veth pair inside it (no dummy driver here), vx0 has no underlay device bound, so the route to
 * the remote decides (with a bound device the kernel would assume the remote is on link).
 */
@Component
public class VxlanUnderlayNoRouteScenario implements LabScenario {
  static final String NS = "dropdx-lab-vx-tun";
  static final String UNDERLAY = "vx-ul0";
  static final String LOCAL_VTEP = "198.18.40.1";
  static final String REMOTE_VTEP = "198.19.9.9";
  static final String OVERLAY_LOCAL = "198.18.41.1";
  static final String OVERLAY_PEER = "198.18.41.2";

  @Override
  public String name() {
    return "vxlan-underlay-no-route";
  }

  @Override
  public String description() {
    return "vxlan vx0 (vni 42, remote " + REMOTE_VTEP + ") with no underlay route to the remote VTEP; ping into the overlay";
  }

  @Override
  public String expectedCause() {
    return "vxlan-underlay-no-route";
  }

  @Override
  public Target setUp(LabNetwork net) {
    return buildIn(net, net.namespace(NS));
  }

  /** The fault inside a namespace that exists (e.g. a fleet host), with the overlay ping; the target is in {@code ns}. */
  public static Target buildIn(LabNetwork net, String ns) {
    net.ip("-n", ns, "link", "add", UNDERLAY, "type", "veth", "peer", "name", "vx-ul1");
    net.ip("-n", ns, "addr", "add", LOCAL_VTEP + "/24", "dev", UNDERLAY);
    net.ip("-n", ns, "link", "set", UNDERLAY, "up");
    net.ip("-n", ns, "link", "set", "vx-ul1", "up");
    // No "dev": the route to the remote VTEP decides, and there is none (198.19.9.9 is outside 198.18.40.0/24).
    net.ip("-n", ns, "link", "add", "vx0", "type", "vxlan", "id", "42", "remote", REMOTE_VTEP, "local", LOCAL_VTEP,
        "dstport", "4789");
    net.ip("-n", ns, "addr", "add", OVERLAY_LOCAL + "/24", "dev", "vx0");
    net.ip("-n", ns, "link", "set", "vx0", "up");
    // A permanent neighbour, so the ping's own packets (not ARP requests) reach vxlan_xmit_one.
    net.ip("-n", ns, "neigh", "replace", OVERLAY_PEER, "lladdr", "02:00:5e:12:29:02", "dev", "vx0", "nud", "permanent");
    net.startTraffic(ns, List.of("ping", "-q", "-i", "0.2", OVERLAY_PEER));
    return new Target(null, OVERLAY_PEER, null, null, null, ns);
  }
}
