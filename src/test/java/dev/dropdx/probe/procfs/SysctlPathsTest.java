package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SysctlPathsTest {

  @Test
  void keepsDotsInsideInterfaceNames() {
    assertThat(SysctlPaths.toPath("net.ipv4.conf.eth0.100.rp_filter")).isEqualTo("/proc/sys/net/ipv4/conf/eth0.100/rp_filter");
    assertThat(SysctlPaths.toPath("net.ipv4.conf.all.rp_filter")).isEqualTo("/proc/sys/net/ipv4/conf/all/rp_filter");
    assertThat(SysctlPaths.toPath("net.core.netdev_max_backlog")).isEqualTo("/proc/sys/net/core/netdev_max_backlog");
  }

  @Test
  void refusesKeysThatWalkOutOfProcSys() {
    assertThatThrownBy(() -> SysctlPaths.toPath("net.ipv4.conf.../../etc/shadow")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SysctlPaths.toPath("net.ipv4.conf.a b.rp_filter")).isInstanceOf(IllegalArgumentException.class);
  }
}
