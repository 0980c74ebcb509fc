package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drop watch's stand-in: the counters that count discarded packets, and a summary saying nothing was watched. */
class CountersDropWatchTest {
  private final CountersDropWatch standIn = new CountersDropWatch(new CountersProbe(null));
  private final HostFacts oldKernel = new HostFacts("4.19.0", true, "/sys/kernel/tracing", Map.of(), List.of("ip"), List.of());
  private final ProbeContext context = new ProbeContext(new Target("198.18.0.1", null, 17, null, null, "lab"), oldKernel, 3, line -> { });

  private static String reading(String snmp) {
    return RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/snmp", "/proc/net/netstat"), 0, snmp, "", false));
  }

  @Test
  void theDiscardCountersAreReadAndTheWatchSaysItSawNoEvent() {
    String raw = reading("Udp: InDatagrams NoPorts RcvbufErrors\nUdp: 10 3 0\n") + "\n--- second reading ---\n"
        + reading("Udp: InDatagrams NoPorts RcvbufErrors\nUdp: 12 7 0\n");
    ProbeOutcome o = standIn.interpret(ProbeRequest.of("drop-watch", 100, "common: watch", "why"), raw, context);
    assertThat(o.backend()).isEqualTo("counters");
    assertThat(o.facts()).contains(new Counter("lab", "UdpNoPorts", 7, 4, 1), new Counter("lab", "UdpRcvbufErrors", 0, 0, 1),
        DropWatchSummary.countersOnly());
    assertThat(o.facts()).filteredOn(Counter.class::isInstance).hasSize(2); // InDatagrams is not a discard counter
    assertThat(o.notes()).anySatisfy(n -> assertThat(n).isEqualTo("counter IpInDiscards does not exist on this kernel"));
    assertThat(standIn.watchesKfreeSkb()).isFalse();
  }

  @Test
  void anIpv6TargetReadsTheIpv6DiscardCountersFromSnmp6() {
    ProbeContext v6 = new ProbeContext(new Target("2001:db8:1::1", null, 17, null, null, "lab"), oldKernel, 3, line -> { });
    String first = RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/snmp", "/proc/net/netstat", "/proc/net/snmp6"), 0,
        "Udp: InDatagrams NoPorts\nUdp: 10 3\nUdp6NoPorts                     \t2\nIp6InDiscards \t0\n", "", false));
    String second = RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/snmp", "/proc/net/netstat", "/proc/net/snmp6"), 0,
        "Udp: InDatagrams NoPorts\nUdp: 10 9\nUdp6NoPorts                     \t5\nIp6InDiscards \t0\n", "", false));
    ProbeOutcome o = standIn.interpret(ProbeRequest.of("drop-watch", 100, "common: watch", "why"), first + "\n--- second reading ---\n" + second, v6);
    // The IPv6 twins, not IPv4's UdpNoPorts (which rose too, for someone else's packets).
    assertThat(o.facts()).contains(new Counter("lab", "Udp6NoPorts", 5, 3, 1), new Counter("lab", "Ip6InDiscards", 0, 0, 1));
    assertThat(o.facts()).filteredOn(Counter.class::isInstance).extracting(c -> ((Counter) c).name()).allMatch(n -> n.contains("6"));
    assertThat(CountersDropWatch.names(v6.target())).isEqualTo(CountersDropWatch.IPV6_DROP_COUNTERS);
    // IPv4 and no family: IPv4's, as before.
    assertThat(CountersDropWatch.names(context.target())).isEqualTo(CountersDropWatch.DROP_COUNTERS);
    assertThat(CountersDropWatch.names(new Target(null, null, null, null, null, ""))).isEqualTo(CountersDropWatch.DROP_COUNTERS);
  }

  @Test
  void itStandsInOnlyWhereTracefsIsReadable() {
    assertThat(standIn.availability(oldKernel).available()).isTrue();
    HostFacts noTracefs = new HostFacts("6.18.0", false, null, Map.of(), List.of("ip"), List.of());
    assertThat(standIn.availability(noTracefs).available()).isFalse();
  }
}
