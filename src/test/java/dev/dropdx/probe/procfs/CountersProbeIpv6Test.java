package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counters probe and IPv6 counters: only /proc/net/snmp6 has them, so only a reading that included it answers. */
class CountersProbeIpv6Test {
  private static final ProbeContext CONTEXT = new ProbeContext(null, null, 3, line -> { });
  private final CountersProbe probe = new CountersProbe(null);

  private static String reading(String stdout) {
    return RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/snmp", "/proc/net/netstat", "/proc/net/snmp6"), 0, stdout, "", false));
  }

  private static ProbeRequest request(String names) {
    return ProbeRequest.of("counters", 50, "test", "why", "netns", "lab", "names", names, "seconds", "1");
  }

  @Test
  void ipv6NamesAreTheOnesOnlySnmp6Has() {
    assertThat(SnmpCountersParser.ipv6("Ip6InHdrErrors")).isTrue();
    assertThat(SnmpCountersParser.ipv6("Icmp6OutTimeExcds")).isTrue();
    assertThat(List.of("IpInHdrErrors", "IcmpOutTimeExcds", "UdpNoPorts", "IpExtInNoRoutes")).noneMatch(SnmpCountersParser::ipv6);
  }

  @Test
  void bothReadingsOfSnmp6GiveValueAndRise() {
    String raw = reading("Ip: Forwarding\nIp: 1\nIp6InHdrErrors                  \t2\nIcmp6OutTimeExcds \t2\n")
        + "\n--- second reading ---\n" + reading("Ip: Forwarding\nIp: 1\nIp6InHdrErrors                  \t7\nIcmp6OutTimeExcds \t6\n");
    assertThat(probe.interpret(request("Ip6InHdrErrors Icmp6OutTimeExcds"), raw, CONTEXT).facts())
        .containsExactly(new Counter("lab", "Ip6InHdrErrors", 7, 5, 1), new Counter("lab", "Icmp6OutTimeExcds", 6, 4, 1));
  }

  @Test
  void aRecordingOfAllCountersWithoutSnmp6DoesNotAnswerAnIpv6Counter() {
    String raw = reading("Udp: InDatagrams NoPorts\nUdp: 10 3\n");
    assertThat(probe.answerFrom(Map.of("netns", "lab", "seconds", "1"), raw, request("Ip6InHdrErrors"))).isEmpty();
    assertThat(probe.answerFrom(Map.of("netns", "lab", "seconds", "1"), raw, request("UdpNoPorts"))).contains(raw);
    assertThat(probe.answerFrom(Map.of("netns", "lab", "seconds", "1", "names", "Ip6InHdrErrors Icmp6OutTimeExcds"), raw,
        request("Ip6InHdrErrors"))).contains(raw);
  }
}
