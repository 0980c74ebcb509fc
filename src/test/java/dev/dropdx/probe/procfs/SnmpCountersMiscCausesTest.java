package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The counters the ip-checksum, no-route-input and no-route-output rules read, on recordings of their lab faults. */
class SnmpCountersMiscCausesTest {

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded", name));
  }

  @Test
  void badChecksumsShowInBothIpInHdrErrorsAndIpExtInCsumErrors() throws Exception {
    // Receiver's namespace after 744 frames with a bad IPv4 header checksum.
    var c = SnmpCountersParser.parse(recorded("snmp-netstat-ip-csum.txt"));
    assertThat(c).containsEntry("IpInHdrErrors", 744L).containsEntry("IpExtInCsumErrors", 744L).containsEntry("IpInReceives", 744L);
  }

  @Test
  void aRouterWithoutARouteCountsIpExtInNoRoutes() throws Exception {
    var c = SnmpCountersParser.parse(recorded("snmp-netstat-no-route-input.txt"));
    assertThat(c).containsEntry("IpExtInNoRoutes", 747L).containsEntry("IpForwarding", 1L).containsEntry("IpInHdrErrors", 0L);
  }

  @Test
  void aSenderThatLostItsRouteCountsIpOutNoRoutes() throws Exception {
    var c = SnmpCountersParser.parse(recorded("snmp-no-route-output.txt"));
    assertThat(c.get("IpOutNoRoutes")).isPositive();
    assertThat(c).containsEntry("IpExtInNoRoutes", 0L);
  }
}
