package dev.dropdx.fact;

/**
 * The neighbour a packet to {@code destination} must be handed to: the gateway of its route, or
 * the destination itself on a directly connected route.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param destination the packets' destination, e.g. 198.18.1.2
 * @param address the next hop's address, e.g. 198.18.1.1
 * @param dev the egress device the route names, e.g. veth0
 * @param viaGateway true when the route names a gateway ("via")
 */
public record NextHop(String netns, String destination, String address, String dev, boolean viaGateway) implements Evidence {

  @Override
  public String describe() {
    return "next hop for " + destination + ": " + (viaGateway ? "gateway " + address : address + " itself (directly connected)")
        + " on " + dev + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
