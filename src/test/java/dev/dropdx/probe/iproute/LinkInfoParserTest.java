package dev.dropdx.probe.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.LinkInfo;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On `ip -d -s -s link show dev X` output recorded on this kernel (6.18, iproute2 6.x). */
class LinkInfoParserTest {

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded/" + name));
  }

  @Test
  void aPlainVethHasItsMtuMacKindAndCountersAndNoXdp() throws Exception {
    LinkInfo l = LinkInfoParser.parse("ns", "l-b0", true, recorded("ip-d-s-s-link-veth.txt"));
    assertThat(l.exists()).isTrue();
    assertThat(l.kind()).isEqualTo("veth");
    assertThat(l.mtu()).isEqualTo(1500);
    assertThat(l.state()).isEqualTo("UP");
    assertThat(l.mac()).isEqualTo("96:70:28:f4:52:56");
    assertThat(l.master()).isNull();
    assertThat(l.hasXdp()).isFalse();
    assertThat(l.rxDropped()).isZero();
    assertThat(l.txDropped()).isZero();
    // iproute2 leaves the otherhost column out while it is 0
    assertThat(l.rxOtherhostDropped()).isZero();
    assertThat(l.bridgePortState()).isNull();
  }

  @Test
  void aBridgePortHasItsMasterAndStpState() throws Exception {
    LinkInfo l = LinkInfoParser.parse("ns", "l-b1", true, recorded("ip-d-s-s-link-bridge-port.txt"));
    assertThat(l.kind()).isEqualTo("veth");
    assertThat(l.mtu()).isEqualTo(1280);
    assertThat(l.master()).isEqualTo("br0");
    assertThat(l.bridgePortState()).isEqualTo("forwarding");
    assertThat(l.describe()).contains("master br0").contains("bridge port state forwarding");
  }

  @Test
  void theBridgeItselfIsNoPort() throws Exception {
    LinkInfo l = LinkInfoParser.parse("ns", "br0", true, recorded("ip-d-s-s-link-bridge.txt"));
    assertThat(l.kind()).isEqualTo("bridge");
    assertThat(l.bridgePortState()).isNull();
    assertThat(l.master()).isNull();
  }

  @Test
  void loopbackHasNoKindAndNoMac() throws Exception {
    LinkInfo l = LinkInfoParser.parse("ns", "lo", true, recorded("ip-d-s-s-link-lo.txt"));
    assertThat(l.kind()).isEmpty();
    assertThat(l.mac()).isEqualTo("00:00:00:00:00:00");
    assertThat(l.state()).isEqualTo("DOWN");
    assertThat(l.mtu()).isEqualTo(65536);
  }

  @Test
  void theOtherhostCounterIsReadWhenTheKernelCountedFramesForAnotherMac() throws Exception {
    LinkInfo l = LinkInfoParser.parse("ns", "r1", true, recorded("ip-s-s-link-otherhost.txt"));
    assertThat(l.rxOtherhostDropped()).isEqualTo(4);
    assertThat(l.mac()).isEqualTo("92:05:6d:0e:be:2c");
    assertThat(l.rxDropped()).isZero();
  }

  @Test
  void withoutStatisticsTheCountersAreUnknown() {
    LinkInfo l = LinkInfoParser.parse("ns", "r1", true,
        "2: r1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 xdp qdisc noqueue state UP mode DEFAULT group default qlen 1000\n"
            + "    prog/xdp id 908 name dropdx_xdp tag b11459a0e11ca14c jited load_time 2242746045315 created_by_uid 0 \n");
    assertThat(l.rxOtherhostDropped()).isEqualTo(-1);
    assertThat(l.rxDropped()).isEqualTo(-1);
    assertThat(l.xdpMode()).isEqualTo("xdp");
    assertThat(l.xdpProgram()).isEqualTo("id 908 name dropdx_xdp");
  }

  @Test
  void aMissingDeviceIsAFactToo() {
    LinkInfo l = LinkInfoParser.parse("ns", "nope", false, "");
    assertThat(l.exists()).isFalse();
    assertThat(l.describe()).isEqualTo("nope is not a device here");
  }

  /** The probe's own recording from the live xdp-drop lab run (kept in its evidence bundle). */
  @Test
  void theProbeReplaysItsRecordingOfADeviceWithAGenericXdpProgram() throws Exception {
    LinkProbe probe = new LinkProbe(new CommandRunner(new ChildProcesses()));
    ProbeRequest request = ProbeRequest.of("link", 50, "test", "why", "netns", "dropdx-lab-xdp-rx", "iface", "xdp-rx0");
    ProbeOutcome out = probe.interpret(request, recorded("link-probe-xdpgeneric.raw"), null);
    assertThat(out.facts()).singleElement().isInstanceOfSatisfying(LinkInfo.class, l -> {
      assertThat(l.netns()).isEqualTo("dropdx-lab-xdp-rx");
      assertThat(l.xdpMode()).isEqualTo("xdpgeneric");
      assertThat(l.xdpProgram()).isEqualTo("id 1530 name dropdx_xdp");
      assertThat(l.kind()).isEqualTo("veth");
      assertThat(l.rxDropped()).isZero();
    });
    assertThat(out.summary()).contains("XDP program id 1530 name dropdx_xdp attached (xdpgeneric)");
    assertThat(out.notes()).isEmpty();
  }
}
