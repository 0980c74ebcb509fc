package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.GreHandler;
import dev.dropdx.fact.GreHandler.Part;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreHandlerAssessorTest {
  private static final String REL = "6.18.44-fc-v782";

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded", name));
  }

  /** This VM as measured: no GRE symbols, no /proc/modules, config without GRE, no /lib/modules, counter rising. */
  @Test
  void thisMonolithicKernelWithoutGreHasNoHandlerAndCannotLoadOne() throws Exception {
    GreHandler h = GreHandlerAssessor.assess(new GreHandlerAssessor.Sources("dropdx-lab-gre-rx", REL, List.of(), null, List.of(),
        "/proc/config.gz", recorded("gre-config-6.18.txt"), null, null, recorded("gre-snmp-before.txt"), recorded("gre-snmp-after.txt"), 2));
    assertThat(h.present()).isFalse();
    assertThat(h.demux()).isEqualTo(Part.NOT_BUILT);
    assertThat(h.ipGre()).isEqualTo(Part.NOT_BUILT);
    assertThat(h.pptp()).isEqualTo(Part.NOT_BUILT);
    assertThat(h.modules()).isEqualTo("no");
    assertThat(h.unknownProtosDelta()).isEqualTo(14);
    assertThat(h.kernel()).isEqualTo(REL);
    assertThat(String.join("\n", h.findings()))
        .contains("/proc/kallsyms has none of gre_add_protocol")
        .contains("/proc/modules does not exist")
        .contains("CONFIG_NET_IPGRE_DEMUX is not set")
        .contains("CONFIG_MODULES is not set")
        .contains("/lib/modules/" + REL + " has no modules.builtin or modules.dep")
        .contains("IpInUnknownProtos in netns dropdx-lab-gre-rx: 15 -> 29 in 2 s");
  }

  /** A distribution kernel with ip_gre loaded (kallsyms lines of module symbols name the module). */
  @Test
  void loadedModulesAreRunning() {
    String modules = "ip_gre 36864 0 - Live 0x0000000000000000\ngre 16384 1 ip_gre, Live 0x0000000000000000\n";
    GreHandler h = GreHandlerAssessor.assess(new GreHandlerAssessor.Sources("", "6.1.0-13-amd64",
        List.of("ffffffffc0a1b010 T gre_add_protocol\t[gre]", "ffffffffc0a2c000 t ipgre_tunnel_init\t[ip_gre]"), modules,
        List.of("gre", "ip_gre"), "/boot/config-6.1.0-13-amd64", "CONFIG_MODULES=y\nCONFIG_NET_IPGRE_DEMUX=m\nCONFIG_NET_IPGRE=m\nCONFIG_PPTP=m\n",
        "kernel/net/ipv4/ip_tunnel.ko\n", "kernel/net/ipv4/gre.ko:\nkernel/net/ipv4/ip_gre.ko: kernel/net/ipv4/gre.ko\nkernel/drivers/net/ppp/pptp.ko: kernel/net/ipv4/gre.ko\n",
        null, null, 2));
    assertThat(h.present()).isTrue();
    assertThat(h.ipGre()).isEqualTo(Part.RUNNING);
    assertThat(h.pptp()).isEqualTo(Part.LOADABLE);
    assertThat(h.modules()).isEqualTo("yes");
    assertThat(h.unknownProtosDelta()).isEqualTo(-1);
    assertThat(String.join("\n", h.findings())).contains("gre_add_protocol (gre)").contains("/proc/modules: gre, ip_gre loaded");
  }

  @Test
  void installedButNotLoadedModulesAreLoadableEvenWithCompressedFiles() {
    GreHandler h = GreHandlerAssessor.assess(new GreHandlerAssessor.Sources("", "6.8.0-31-generic", List.of(), "nf_tables 1 0 - Live 0x0\n",
        List.of(), null, null, "kernel/net/ipv4/udp_tunnel.ko\n",
        "kernel/net/ipv4/gre.ko.zst:\nkernel/net/ipv4/ip_gre.ko.zst: kernel/net/ipv4/gre.ko.zst\n", null, null, 2));
    assertThat(h.demux()).isEqualTo(Part.LOADABLE);
    assertThat(h.ipGre()).isEqualTo(Part.LOADABLE);
    // Both lists are there and neither names pptp: this kernel's build has no pptp.
    assertThat(h.pptp()).isEqualTo(Part.NOT_BUILT);
  }

  @Test
  void builtInWithoutParametersIsFoundThroughKallsymsAndConfig() {
    GreHandler h = GreHandlerAssessor.assess(new GreHandlerAssessor.Sources("", "6.6.0", List.of("ffffffff81a00000 T gre_add_protocol"), null,
        List.of(), "/proc/config.gz", "# CONFIG_MODULES is not set\nCONFIG_NET_IPGRE_DEMUX=y\n", null, null, null, null, 2));
    assertThat(h.demux()).isEqualTo(Part.RUNNING);
    assertThat(h.ipGre()).isEqualTo(Part.NOT_BUILT);
    assertThat(String.join("\n", h.findings())).contains("gre_add_protocol (built in)");
  }

  @Test
  void withNothingToReadTheStateStaysOpen() {
    GreHandler h = GreHandlerAssessor.assess(new GreHandlerAssessor.Sources("", "x", null, "", List.of(), null, null, null, null, null, null, 2));
    assertThat(h.demux()).isEqualTo(Part.NOT_RUNNING);
    assertThat(h.findings()).contains("/proc/kallsyms could not be read", "IpInUnknownProtos could not be read from /proc/net/snmp");
  }

  @Test
  void snmpCounterReadsByName() throws Exception {
    assertThat(SnmpCounter.ip(recorded("gre-snmp-after.txt"), "InUnknownProtos")).contains(29L);
    assertThat(SnmpCounter.ip(recorded("gre-snmp-after.txt"), "NoSuchCounter")).isEmpty();
    assertThat(SnmpCounter.ip("Tcp: A\nTcp: 1\n", "InUnknownProtos")).isEmpty();
  }

  /** A recording says its interval as earlier versions wrote it ("after 2 s"), and a half second as "after 0.5 s". */
  @Test
  void theIntervalIsWrittenAndReadAsRecorded() throws Exception {
    GreHandlerAssessor.Sources half = new GreHandlerAssessor.Sources("dropdx-lab-gre-rx", REL, List.of(), null, List.of(), null, null,
        null, null, recorded("gre-snmp-before.txt"), recorded("gre-snmp-after.txt"), 0.5);
    String raw = GreHandlerProbe.raw(half);
    assertThat(raw).contains("--- after 0.5 s ---\n");
    assertThat(GreHandlerAssessor.assess(half).findings()).anySatisfy(f -> assertThat(f).contains("15 -> 29 in 0.5 s"));
    String older = raw.replace("--- after 0.5 s ---", "--- after 2 s ---");
    assertThat(GreHandlerProbe.sources(half.netns(), REL, older).seconds()).isEqualTo(2.0);
    assertThat(GreHandlerAssessor.assess(GreHandlerProbe.sources(half.netns(), REL, older)).describe()).contains("rose by 14 in 2 s");
  }

  /** The probe's raw output holds every source, so a bundle reaches the same judgement offline. */
  @Test
  void aRecordingReplaysToTheSameJudgement() throws Exception {
    List<GreHandlerAssessor.Sources> cases = List.of(
        new GreHandlerAssessor.Sources("dropdx-lab-gre-rx", REL, List.of(), null, List.of(), "/proc/config.gz",
            recorded("gre-config-6.18.txt"), null, null, recorded("gre-snmp-before.txt"), recorded("gre-snmp-after.txt"), 2),
        new GreHandlerAssessor.Sources("", "6.1.0-13-amd64", List.of("ffffffffc0a1b010 T gre_add_protocol\t[gre]"),
            "gre 16384 1 ip_gre, Live 0x0\n", List.of("gre", "ip_gre"), "/boot/config-6.1.0-13-amd64", "CONFIG_MODULES=y\n",
            "kernel/net/ipv4/ip_tunnel.ko\n", "kernel/net/ipv4/gre.ko:\n", null, null, 2),
        new GreHandlerAssessor.Sources("", "6.1.0", null, null, List.of(), null, null, null, null, null, null, 2),
        // as the probe reads now: the counter half a second apart
        new GreHandlerAssessor.Sources("dropdx-lab-gre-rx", REL, List.of(), null, List.of(), null, null, null, null,
            recorded("gre-snmp-before.txt"), recorded("gre-snmp-after.txt"), 0.5));
    for (GreHandlerAssessor.Sources s : cases) {
      GreHandlerAssessor.Sources back = GreHandlerProbe.sources(s.netns(), s.kernel(), GreHandlerProbe.raw(s));
      assertThat(back).isEqualTo(s);
      assertThat(GreHandlerAssessor.assess(back)).isEqualTo(GreHandlerAssessor.assess(s));
    }
  }
}
