package dev.dropdx.probe.dropmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
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
 * dropwatch on recorded output: it has no headers, so every drop is only possibly the target's;
 * for an IPv6 target it says that no backend on such a kernel can filter IPv6 by address (not
 * "install systemtap", whose scripts read IPv4 only).
 */
class NetlinkDropMonitorWatchTest {
  private final HostFacts oldKernel = new HostFacts("4.19.0", true, "/sys/kernel/tracing", Map.of(), List.of("dropwatch"), List.of());
  private final NetlinkDropMonitorWatch watch = new NetlinkDropMonitorWatch(null, null);

  private ProbeOutcome interpret(Target target) throws Exception {
    String out = Files.readString(Path.of("src/test/resources/recorded/dropwatch-kas.txt"));
    return watch.interpret(ProbeRequest.of("drop-watch", 100, "common: watch", "why"),
        RawCommand.encode(new CommandResult(List.of("dropwatch", "-l", "kas"), 0, out, "", false)), new ProbeContext(target, oldKernel, 3, l -> { }));
  }

  @Test
  void anIpv6TargetIsToldItsPacketsCannotBeToldApart() throws Exception {
    ProbeOutcome o = interpret(new Target("2001:db8:40::1", null, 47, null, null, ""));
    assertThat(o.facts()).filteredOn(Drop.class::isInstance).extracting(d -> ((Drop) d).match()).containsOnly(TargetMatch.UNFILTERED);
    assertThat(o.notes()).anySatisfy(n -> assertThat(n).contains("nor whether they were IPv4 or IPv6")
        .contains("no backend on a kernel without drop reasons can filter IPv6 packets").doesNotContain("install systemtap"));
  }

  @Test
  void anIpv4TargetKeepsTheAdviceToInstallSystemtap() throws Exception {
    ProbeOutcome o = interpret(new Target("198.18.40.1", null, 47, null, null, ""));
    assertThat(o.notes()).anySatisfy(n -> assertThat(n).contains("install systemtap"));
    assertThat(o.notes()).noneSatisfy(n -> assertThat(n).contains("IPv6"));
  }
}
