package dev.dropdx.fact;

/**
 * One entry of a namespace's neighbour table (ARP/NDP), as `ip -s neigh show` prints it.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param address the neighbour's IP address, e.g. 198.18.1.1
 * @param dev the device it is on, e.g. veth0
 * @param lladdr its link-layer address, null when unresolved, e.g. 02:00:c6:12:01:01
 * @param state the NUD state(s) as printed, e.g. "REACHABLE", "FAILED", "INCOMPLETE", "STALE"
 * @param probes how many solicitations were sent for it, -1 when not printed, e.g. 3
 */
public record NeighbourEntry(String netns, String address, String dev, String lladdr, String state, int probes)
    implements Evidence {

  /** True when resolution failed or is still waiting for an answer: packets to it are queued or dropped. */
  public boolean unresolved() {
    return state.contains("FAILED") || state.contains("INCOMPLETE");
  }

  @Override
  public String describe() {
    return "neighbour " + address + " on " + dev + ": " + state + (lladdr == null ? " (no link-layer address)" : " at " + lladdr)
        + (probes >= 0 ? ", " + probes + " probe(s)" : "") + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
