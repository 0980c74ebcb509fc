package dev.dropdx.probe.stap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.probe.dropmonitor.NetlinkDropMonitorWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the old-kernel backends say when they cannot run, and how their arguments are checked. */
class StapAvailabilityTest {
  private static HostFacts host(String kernel, boolean root, String... tools) {
    return new HostFacts(kernel, root, "/sys/kernel/tracing", Map.of(), List.of(tools), List.of());
  }

  @Test
  void stapWithoutDebuginfoSaysWhatToInstall() {
    // No host has debuginfo for this made-up release, as this VM has none for its own kernel.
    assertThat(StapScripts.availability(host("4.19.0-99-dropdx-test", true, "stap"))).satisfies(a -> {
      assertThat(a.available()).isFalse();
      assertThat(a.reason()).contains("debuginfo").contains("linux-image-4.19.0-99-dropdx-test-dbg");
    });
    assertThat(StapScripts.availability(host("4.19.0", true, "ip")).reason()).contains("apt-get install systemtap");
    assertThat(StapScripts.availability(host("4.19.0", false, "stap")).reason()).contains("root");
  }

  @Test
  void thisMachinesStapCannotRunForLackOfDebuginfoAndSaysSo() throws Exception {
    String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
    boolean hasDebuginfo = Files.isRegularFile(Path.of("/usr/lib/debug/boot/vmlinux-" + release))
        || Files.isRegularFile(Path.of("/usr/lib/debug/lib/modules/" + release + "/vmlinux"));
    if (!hasDebuginfo) {
      assertThat(StapScripts.availability(host(release, true, "stap")).reason()).contains("debuginfo of kernel " + release);
    }
  }

  @Test
  void dropwatchNeedsTheToolAndRoot() {
    NetlinkDropMonitorWatch p = new NetlinkDropMonitorWatch(null, null);
    assertThat(p.availability(host("4.19.0", true, "ip")).reason()).contains("apt-get install dropwatch");
    assertThat(p.availability(host("4.19.0", false, "dropwatch")).reason()).contains("root");
    // This VM's kernel has no drop monitor (CONFIG_NET_DROP_MONITOR is not set): dropwatch must say so rather than watch nothing.
    assertThat(p.availability(host("4.19.0", true, "dropwatch")).reason()).satisfiesAnyOf(
        r -> assertThat(r).isEmpty(), r -> assertThat(r).contains("CONFIG_NET_DROP_MONITOR"));
  }

  @Test
  void onlyIdentifiersAndPointerPathsReachStapsCommandLine() {
    assertThat(StapScripts.require(StapScripts.POINTER, "$skb->dev", "p")).isEqualTo("$skb->dev");
    assertThat(StapScripts.require(StapScripts.FIELD, "remote_ip->sin->sin_addr->s_addr", "f")).isNotEmpty();
    assertThat(StapScripts.require(StapScripts.FIELD, "data[1]", "f")).isEqualTo("data[1]");
    assertThatThrownBy(() -> StapScripts.require(StapScripts.POINTER, "$skb->mark = 1", "p")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StapScripts.require(StapScripts.FIELD, "mark; exit()", "f")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StapScripts.require(StapScripts.IDENT, "gre_rcv\") { }", "f")).isInstanceOf(IllegalArgumentException.class);
    assertThat(StapScripts.addr(null)).isEqualTo("*");
    assertThatThrownBy(() -> StapScripts.addr("10.0.0.1 -g")).isInstanceOf(IllegalArgumentException.class);
  }
}
