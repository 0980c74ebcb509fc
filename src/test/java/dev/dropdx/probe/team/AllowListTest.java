package dev.dropdx.probe.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-only allow-list: what a team probe may run, and what it may never run. */
class AllowListTest {

  private static List<String> cmd(String line) {
    return List.of(line.split(" "));
  }

  @Test
  void readOnlyCommandsOfEveryToolPass() {
    for (String ok : List.of(
        "tc -j filter show dev veth0 ingress", "tc -s qdisc show dev veth0", "tc actions ls action gact", "tc filter get dev veth0 ingress pref 1",
        "ip -j -d link show dev veth0", "ip route get 198.18.0.1", "ip -s -s link list", "ip neigh show dev veth0", "ip -br addr show",
        "bridge -j link show", "bridge fdb show br br0", "nft -j list ruleset", "nft list table inet filter", "nft -a list set inet filter blocked",
        "ss -tlnp", "ss -uanp dport = :5070", "ss --tcp --listening", "ethtool -S veth0", "ethtool --json -i veth0", "ethtool veth0",
        "conntrack -S", "conntrack -L -p udp --dport 5070", "conntrack -L expect", "conntrack -C",
        "cat /proc/net/snmp", "cat /proc/sys/net/ipv4/conf/veth0/rp_filter /sys/class/net/veth0/statistics/rx_dropped")) {
      assertThat(AllowList.refuse(cmd(ok))).as(ok).isEmpty();
    }
  }

  @Test
  void writesOptionsThatChangeWhatRunsAndOtherToolsAreRefused() {
    for (String bad : List.of(
        "ip link set veth0 down", "ip route add 198.18.0.0/24 dev veth0", "ip route flush table main", "ip -n other link show",
        "ip -netns other link show", "ip -batch /tmp/x", "ip -force link show", "ip link", "ip monitor", "ip netns exec x ls",
        "ip xfrm state show", "ip link show dev veth0 add", "tc qdisc add dev veth0 clsact", "tc filter del dev veth0 ingress",
        "tc -b /tmp/x", "tc monitor", "tc filter show dev veth0 ingress -n", "bridge link set dev veth0 state 0", "bridge monitor",
        "nft flush ruleset", "nft -f /tmp/rules", "nft add rule inet filter input drop", "nft -i", "nft list", "nft list ruleset -c",
        "ss -K dport = :22", "ss -tn -D /tmp/x", "ss -N other -t", "ss -E", "ss state established -t", "ss --kill",
        "ethtool -s veth0 speed 10", "ethtool -K veth0 gro off", "ethtool -t veth0", "ethtool -S veth0 veth1", "ethtool -S",
        "conntrack -D", "conntrack -F", "conntrack -L -z", "conntrack -E", "conntrack -U -m 1", "conntrack -L --dport",
        "cat /etc/shadow", "cat /proc/net/../../etc/shadow", "cat /proc/1/environ", "cat -A /proc/net/snmp", "cat",
        "sh -c ls", "bash", "sysctl -w net.ipv4.ip_forward=1", "/usr/sbin/tc filter show", "iptables -F", "rm /proc/net/snmp")) {
      assertThat(AllowList.refuse(cmd(bad))).as(bad).isPresent();
    }
  }

  @Test
  void shellCharactersAreRefusedInAnyArgument() {
    for (String arg : List.of("veth0;reboot", "$(id)", "`id`", "a|b", "a&b", "a>b", "a<b", "*", "a b", "'x'", "\"x\"", "a\nb", "{iface}", "~")) {
      assertThat(AllowList.refuse(List.of("tc", "filter", "show", "dev", arg, "ingress"))).as(arg).get().asString()
          .contains("character outside");
    }
  }
}
