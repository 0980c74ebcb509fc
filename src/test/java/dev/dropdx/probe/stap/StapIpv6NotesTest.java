package dev.dropdx.probe.stap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stap scripts read IPv4 headers only: for an IPv6 target the watch and the other stap probes
 * say so in their summary and notes, on recorded output, instead of reading as "no drops".
 */
class StapIpv6NotesTest {
  private final HostFacts oldKernel = new HostFacts("4.19.0", true, "/sys/kernel/tracing", Map.of(), List.of("stap"), List.of());
  private final StapDropWatch watch = new StapDropWatch(null, null);

  private static String recorded(String name) throws Exception {
    String out = Files.readString(Path.of("src/test/resources/recorded", name));
    return RawCommand.encode(new CommandResult(List.of("stap", "kfree_skb_location.stp"), 0, out, "", false));
  }

  private ProbeOutcome watch(Target target) throws Exception {
    return watch.interpret(ProbeRequest.of("drop-watch", 100, "common: watch", "why"), recorded("stap-kfree_skb-ospf.txt"),
        new ProbeContext(target, oldKernel, 30, line -> { }));
  }

  @Test
  void anIpv6TargetIsToldTheWatchCannotSeeItsPackets() throws Exception {
    ProbeOutcome o = watch(new Target("2001:db8:2::4", "ff02::5", 89, null, "ens5", ""));
    assertThat(o.summary()).startsWith("IPv4 only, blind to this IPv6 target: ");
    assertThat(o.notes()).contains(StapProbeSupport.IPV4_ONLY);
  }

  @Test
  void anIpv4TargetReadsAsBefore() throws Exception {
    ProbeOutcome o = watch(new Target("10.10.2.4", "224.0.0.5", 89, null, "ens5", ""));
    assertThat(o.summary()).doesNotContain("IPv4 only");
    assertThat(o.notes()).doesNotContain(StapProbeSupport.IPV4_ONLY);
    // With no address at all: IPv4 drops count, and the note says IPv6 packets are not seen.
    assertThat(watch(new Target(null, null, null, null, null, "")).notes())
        .anySatisfy(n -> assertThat(n).contains("every IPv4 drop counts").contains("IPv6 packets are not seen"));
  }

  @Test
  void theOtherStapProbesSayItToo() throws Exception {
    ProbeContext v6 = new ProbeContext(new Target("2001:db8:2::4", null, 47, null, null, ""), oldKernel, 3, line -> { });
    String out = Files.readString(Path.of("src/test/resources/recorded/stap-return-noref.txt"));
    ProbeOutcome r = new StapReturnProbe(null, null).interpret(ProbeRequest.of("stap-return", 50, "t", "w", "function", "ip_route_input_noref"),
        RawCommand.encode(new CommandResult(List.of("stap"), 0, out, "", false)), v6);
    assertThat(r.notes()).contains(StapProbeSupport.IPV4_ONLY);
  }
}
