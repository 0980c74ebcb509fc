package dev.dropdx.fact;

import java.util.List;

/**
 * The IPv4 multicast groups one interface has joined, as the kernel lists them in /proc/net/igmp
 * (the interface's in_device mc_list, the list ip_check_mc_rcu() consults for each arriving
 * multicast packet). Membership is per interface: a group joined on another interface does not
 * make this one accept it.
 *
 * @param netns namespace name ("" for dropdx's own), e.g. dropdx-lab-r
 * @param iface interface name, e.g. veth0
 * @param ifindex interface index, -1 when the interface is not listed, e.g. 2
 * @param groups joined groups in dotted-quad form, in the kernel's order, e.g. [224.0.0.1 239.1.1.1]
 * @param listed false when /proc/net/igmp has no entry for the interface at all (no IPv4 state)
 */
public record MulticastGroups(String netns, String iface, int ifindex, List<String> groups, boolean listed)
    implements Evidence {

  public MulticastGroups {
    groups = List.copyOf(groups);
  }

  /** True when the interface has joined this group. */
  public boolean hasJoined(String group) {
    return groups.contains(group);
  }

  @Override
  public String describe() {
    String where = "/proc/net/igmp" + (netns.isEmpty() ? "" : " in netns " + netns);
    if (!listed) {
      return iface + " is not listed in " + where + ": it has joined no IPv4 multicast group";
    }
    return iface + " has joined " + (groups.isEmpty() ? "no group" : String.join(", ", groups)) + " (" + where + ")";
  }
}
