package dev.dropdx.probe.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.VxlanLink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On `ip -d -o link show dev X` output recorded on this kernel (iproute2 of Debian 12/13). */
class VxlanLinkParserTest {

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded/" + name));
  }

  @Test
  void aVxlanWithRemoteAndLocalAndNoUnderlayDevice() throws Exception {
    VxlanLink l = VxlanLinkParser.parse("ns", "vx0", true, recorded("ip-d-link-vxlan-remote.txt"));
    assertThat(l.vxlan()).isTrue();
    assertThat(l.vni()).isEqualTo(42);
    assertThat(l.remote()).isEqualTo("198.19.9.9");
    assertThat(l.local()).isEqualTo("198.18.40.1");
    assertThat(l.dstport()).isEqualTo(4789);
    assertThat(l.underlay()).isNull();
    // "group default" on the link line is the link group, not a multicast group.
    assertThat(l.group()).isNull();
    assertThat(l.describe()).contains("remote 198.19.9.9").contains("dstport 4789");
  }

  @Test
  void aMulticastVxlanBoundToAnUnderlayDeviceHasAGroupAndNoRemote() throws Exception {
    VxlanLink l = VxlanLinkParser.parse("ns", "vx1", true, recorded("ip-d-link-vxlan-group.txt"));
    assertThat(l.vni()).isEqualTo(7);
    assertThat(l.remote()).isNull();
    assertThat(l.group()).isEqualTo("224.0.0.5");
    assertThat(l.underlay()).isEqualTo("vx-ul0");
    assertThat(l.dstport()).isEqualTo(8472);
  }

  @Test
  void aVxlanWithoutLocalLeavesItNull() throws Exception {
    VxlanLink l = VxlanLinkParser.parse("ns", "vx2", true, recorded("ip-d-link-vxlan-nolocal.txt"));
    assertThat(l.remote()).isEqualTo("198.19.9.10");
    assertThat(l.local()).isNull();
    assertThat(l.underlay()).isNull();
  }

  @Test
  void aVethIsNotVxlanAndSaysItsKind() throws Exception {
    VxlanLink l = VxlanLinkParser.parse("ns", "vx-ul0", true, recorded("ip-d-link-veth.txt"));
    assertThat(l.vxlan()).isFalse();
    assertThat(l.kind()).isEqualTo("veth");
    assertThat(l.remote()).isNull();
    assertThat(l.describe()).contains("not a vxlan device (kind veth)");
  }

  @Test
  void loopbackHasNoKindAndAMissingDeviceIsSaid() {
    String lo = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\"
        + "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0  allmulti 0 minmtu 0 maxmtu 0 addrgenmode eui64"
        + " numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535\n";
    assertThat(VxlanLinkParser.parse("ns", "lo", true, lo).kind()).isEmpty();
    VxlanLink missing = VxlanLinkParser.parse("ns", "nosuch", false, "");
    assertThat(missing.kind()).isEqualTo("missing");
    assertThat(missing.vxlan()).isFalse();
  }
}
