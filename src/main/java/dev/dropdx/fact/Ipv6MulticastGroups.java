package dev.dropdx.fact;

import java.util.List;

/**
 * The IPv6 multicast groups one interface has joined, as the kernel lists them in /proc/net/igmp6
 * (the interface's inet6_dev mc_list, which ipv6_chk_mcast_addr() consults in ip6_mc_input for
 * each arriving multicast packet; `ip -6 maddr` shows the same). Membership is per interface: a
 * group joined on another interface does not make this one accept it.
 *
 * @param netns namespace name ("" for dropdx's own), e.g. dropdx-lab-r
 * @param iface interface name, e.g. veth0
 * @param ifindex interface index, -1 when the interface is not listed, e.g. 2
 * @param groups joined groups in canonical IPv6 text, in the kernel's order, e.g. [ff02::5 ff02::1]
 * @param listed false when /proc/net/igmp6 has no line for the interface at all (no IPv6 state, or IPv6 disabled on it)
 */
public record Ipv6MulticastGroups(String netns, String iface, int ifindex, List<String> groups, boolean listed)
    implements Evidence {

  public Ipv6MulticastGroups {
    groups = List.copyOf(groups);
  }

  /** True when the interface has joined this group (canonical text). */
  public boolean hasJoined(String group) {
    return groups.contains(group);
  }

  @Override
  public String describe() {
    String where = "/proc/net/igmp6" + (netns.isEmpty() ? "" : " in netns " + netns);
    if (!listed) {
      return iface + " is not listed in " + where + ": it has joined no IPv6 multicast group";
    }
    return iface + " has joined " + (groups.isEmpty() ? "no group" : String.join(", ", groups)) + " (" + where + ")";
  }
}
