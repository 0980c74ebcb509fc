package dev.dropdx.probe.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SnmpCountersParserTest {

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded", name));
  }

  @Test
  void badChecksumsShowInBothIpInHdrErrorsAndIpExtInCsumErrors() throws Exception {
    // Recorded in the receiver's namespace after 744 frames with a bad IP header checksum.
    var c = SnmpCountersParser.parse(recorded("snmp-netstat-ip-csum.txt"));
    assertThat(c).containsEntry("IpInHdrErrors", 744L).containsEntry("IpExtInCsumErrors", 744L)
        .containsEntry("IpInReceives", 744L).containsEntry("IpForwarding", 2L);
    assertThat(c).containsKey("TcpExtTCPBacklogDrop").containsKey("UdpInErrors");
  }

  @Test
  void aRouterWithoutARouteCountsIpExtInNoRoutes() throws Exception {
    var c = SnmpCountersParser.parse(recorded("snmp-netstat-no-route-input.txt"));
    assertThat(c).containsEntry("IpExtInNoRoutes", 747L).containsEntry("IpForwarding", 1L).containsEntry("IpInHdrErrors", 0L);
  }

  @Test
  void linesThatAreNotHeaderValuePairsAreIgnored() {
    var c = SnmpCountersParser.parse("garbage\nIp: A B\nIp: 1 x\nUdp: InDatagrams\nTcp: 5\n");
    assertThat(c).containsOnlyKeys("IpA").containsEntry("IpA", 1L);
  }
}
