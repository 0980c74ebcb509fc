package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnmpCountersParserTest {

  @Test
  void snmpAndNetstatCountersGetNstatNames() throws Exception {
    Map<String, Long> c = SnmpCountersParser.parse(Files.readString(Path.of("src/test/resources/recorded/snmp-netstat.txt")));
    assertThat(c).containsKeys("UdpNoPorts", "UdpRcvbufErrors", "UdpInErrors", "IpInReceives", "TcpExtListenOverflows",
        "IpExtInNoRoutes", "IcmpOutDestUnreachs");
    assertThat(c.get("IpDefaultTTL")).isEqualTo(64);
    // UdpLite has the same field names: they stay apart
    assertThat(c).containsKey("UdpLiteNoPorts");
  }

  @Test
  void snmp6CountersAreReadBesideTheIpv4Ones() throws Exception {
    // Recorded here: cat /proc/net/snmp /proc/net/netstat /proc/net/snmp6 in a namespace that forwarded IPv6.
    Map<String, Long> c = SnmpCountersParser.parse(Files.readString(Path.of("src/test/resources/recorded/snmp-netstat-snmp6.txt")));
    assertThat(c).containsKeys("UdpNoPorts", "IpExtInNoRoutes", "Ip6InNoRoutes", "Ip6OutNoRoutes", "Udp6NoPorts", "Icmp6OutDestUnreachs",
        "UdpLite6NoPorts");
    assertThat(c.get("Ip6InNoRoutes")).isEqualTo(18);
    assertThat(SnmpCountersParser.parse("Udp6NoPorts                     \t12\nIp6InReceives 3\nIp6Bogus x\n"))
        .isEqualTo(Map.of("Udp6NoPorts", 12L, "Ip6InReceives", 3L));
    assertThat(SnmpCountersParser.ipv6("Udp6NoPorts")).isTrue();
    assertThat(SnmpCountersParser.ipv6("UdpNoPorts")).isFalse();
  }

  @Test
  void linesThatDoNotPairAreSkipped() {
    Map<String, Long> c = SnmpCountersParser.parse("Udp: InDatagrams NoPorts\nUdp: 5 7\nIcmpMsg: InType3\nTcp: 1\n");
    assertThat(c).isEqualTo(Map.of("UdpInDatagrams", 5L, "UdpNoPorts", 7L));
  }

  @Test
  void snmp6CountersAreReadOnePerLineUpToTheLastAfterTheSnmpPairs() throws Exception {
    // Measured in a router namespace after three pings with hop limit 1 (kernel-evidence.md, IPv6 twins).
    String snmp6 = Files.readString(Path.of("src/test/resources/recorded/snmp6.txt"));
    Map<String, Long> c = SnmpCountersParser.parse("Udp: InDatagrams NoPorts\nUdp: 5 7\n" + snmp6);
    assertThat(c).containsEntry("UdpNoPorts", 7L).containsEntry("Ip6InHdrErrors", 3L).containsEntry("Icmp6OutTimeExcds", 3L)
        .containsEntry("Ip6InReceives", 12L);
    String last = snmp6.strip().lines().reduce((a, b) -> b).orElseThrow().split("\\s+")[0];
    assertThat(c).containsKey(last);
    assertThat(SnmpCountersParser.parse("Ip6InDiscards 7")).isEqualTo(Map.of("Ip6InDiscards", 7L));
  }
}
