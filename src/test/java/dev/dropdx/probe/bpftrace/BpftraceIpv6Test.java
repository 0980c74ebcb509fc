package dev.dropdx.probe.bpftrace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Target;
import dev.dropdx.probe.bpftrace.BpftraceOutputParser.PacketDrop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IPv6 watch: its program and what it printed here for UDP datagrams to 2001:db8:60::2. */
class BpftraceIpv6Test {

  @Test
  void theIpv6ProgramReadsTheIpv6HeaderAndSkipsExtensionHeadersABoundedNumberOfTimes() {
    String program = BpftraceDropScript.ipv6Program(3, true);
    assertThat(program).contains("args->protocol == 34525 || args->protocol == 0").contains("(struct ipv6hdr *)")
        .contains("unroll(" + BpftraceDropScript.IPV6_EXT_HEADERS + ")")
        .contains("$proto == 0 || $proto == 43 || $proto == 44 || $proto == 51 || $proto == 60")
        .contains("$family == 10").contains("skc_v6_daddr").contains("$nhp + $off + 2")
        .doesNotContain("struct iphdr");
    assertThat(BpftraceDropScript.ipv6Program(3, false)).doesNotContain("$nhp + $off + 2");
    assertThat(BpftraceDropScript.program(3, true)).doesNotContain("34525");
  }

  @Test
  void theBothFamiliesProgramHasBothProbesWritingOneMapAndOneFooter() {
    String both = BpftraceDropScript.bothFamiliesProgram(3, true);
    assertThat(both).contains("args->protocol == 2048 || args->protocol == 0").contains("$family == 2").contains("struct iphdr")
        .contains("args->protocol == 34525 || args->protocol == 0").contains("$family == 10").contains("(struct ipv6hdr *)")
        .contains("$nhp + $off + 2").contains("($ip->ihl * 4)");
    String key = "@drops[ksym(args->location), args->reason, ntop($saddr), ntop($daddr), $proto, $dev->name, $ns, $port] = count();";
    assertThat(both.split(java.util.regex.Pattern.quote(key), -1)).hasSize(3); // two probes, the one map and key
    assertThat(both.split("interval:ms:", -1)).hasSize(2);
    assertThat(both.split("END \\{", -1)).hasSize(2);
    assertThat(both.split("@stacks\\[ksym", -1)).hasSize(3); // the stack sample inside each family's probe
    // It is the two single-family programs' probes followed by their common footer.
    String v4 = BpftraceDropScript.program(3, true);
    String v6 = BpftraceDropScript.ipv6Program(3, true);
    String footer = v4.substring(v4.indexOf("interval:ms:"));
    assertThat(both).isEqualTo(v4.substring(0, v4.indexOf("interval:ms:")) + v6.substring(0, v6.indexOf("interval:ms:")) + footer);
    assertThat(BpftraceDropScript.bothFamiliesProgram(3, false)).doesNotContain("$nhp + $off + 2").doesNotContain("$ip->ihl");
  }

  /**
   * Recorded here: three datagrams each to 5098 (no socket), 5097 (with a destination-options
   * header before UDP: the port is still read) and 5099 (an ip6tables DROP rule, nft-backed).
   */
  @Test
  void recordedIpv6DropsParseAndMatchAnIpv6Target() throws Exception {
    List<PacketDrop> drops = BpftraceOutputParser.parse(Files.readString(Path.of("src/test/resources/recorded/bpftrace-ipv6-udp.txt")));
    assertThat(drops).containsExactlyInAnyOrder(
        new PacketDrop("__udp6_lib_rcv", 3, "2001:db8:60::1", "2001:db8:60::2", 17, "v6b", 4026532247L, 5097, 3),
        new PacketDrop("__udp6_lib_rcv", 3, "2001:db8:60::1", "2001:db8:60::2", 17, "v6b", 4026532247L, 5098, 3),
        new PacketDrop("nft_do_chain", 12, "2001:db8:60::1", "2001:db8:60::2", 17, "v6b", 4026532247L, 5099, 3));
    Target target = new Target("2001:db8:60::/64", "2001:DB8:60::2", 17, 5097, null, "");
    assertThat(drops.stream().filter(d -> target.matches(d.src(), d.dst(), d.protocol(), d.dport())).map(PacketDrop::dport))
        .containsExactly(5097);
  }
}
