package dev.dropdx.probe.bpftrace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.bpftrace.BpftraceOutputParser.SampledStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stacks are a sample (issue 14): the first drop of each location and reason, not a stack walk per drop. */
class BpftraceStackSampleTest {

  @Test
  void theProgramTakesAStackOnlyForTheFirstDropsOfEachPlace() {
    String sample = BpftraceDropScript.stackSample();
    // guarded by a per-(location, reason) count: later drops at the same place are not walked
    assertThat(sample).contains("if (@stacked[args->location, args->reason] < " + BpftraceDropScript.STACKS_PER_PLACE + ") {")
        .contains("@stacked[args->location, args->reason] = @stacked[args->location, args->reason] + 1;")
        .contains("@stacks[ksym(args->location), args->reason] = kstack;");
    assertThat(BpftraceDropScript.STACKS_PER_PLACE).isBetween(1, 4);
    String program = BpftraceDropScript.program(3, true);
    assertThat(program).contains(sample);
    // one walk, in the sample, after the drop is counted; the sample is no probe of its own on the
    // tracepoint (issue 14, cost to the host: one BPF program per drop, not two)
    assertThat(program.indexOf("kstack")).isEqualTo(program.lastIndexOf("kstack")).isGreaterThan(program.indexOf("= count();"));
    assertThat(program.split("tracepoint:skb:kfree_skb", -1)).hasSize(2);
    String both = BpftraceDropScript.bothFamiliesProgram(3, true);
    assertThat(both.split("tracepoint:skb:kfree_skb", -1)).hasSize(3);
    assertThat(both.split("kstack", -1)).hasSize(3); // one sample in each family's probe
    // the dumps carry the stacks (a killed bpftrace leaves its last dump), the counts of the sample do not
    assertThat(program).contains("print(@drops); print(@stacks); }").contains("END { clear(@stacked);");
  }

  @Test
  void aPacketWithItsHeaderIsReadWithoutItsSocketsFamily() {
    for (String program : List.of(BpftraceDropScript.program(3, true), BpftraceDropScript.ipv6Program(3, true))) {
      assertThat(program).contains("if (args->protocol == 0 && $sk != 0) { $family = $sk->__sk_common.skc_family; }")
          .doesNotContain("if ($sk != 0) { $family");
    }
  }

  @Test
  void readsTheStacksOfARecordedFinalDump() throws Exception {
    String out = Files.readString(Path.of("src/test/resources/recorded/bpftrace-stacks.txt"));
    List<SampledStack> stacks = BpftraceOutputParser.stacks(out);
    assertThat(stacks).singleElement().satisfies(s -> {
      assertThat(s.function()).isEqualTo("__udp4_lib_rcv");
      assertThat(s.reason()).isEqualTo(3);
      assertThat(s.frames()).hasSize(21).startsWith("sk_skb_reason_drop+144", "__udp4_lib_rcv+1212")
          .endsWith("entry_SYSCALL_64_after_hwframe+118");
    });
    // the map of drops next to it still reads as before
    assertThat(BpftraceOutputParser.parse(out)).singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(3));
  }

  @Test
  void aKilledRunsLastCompleteDumpGivesTheStacksAndTwoPlacesStayApart() {
    String t = BpftraceDropScript.TICK + "\n";
    String dump = "@drops[ip_rcv_finish_core, 16, 198.18.2.1, 198.18.1.2, 1, rpf-rx0, 4026532387, 0]: 3\n"
        + "@stacks[ip_rcv_finish_core, 16]: \n        sk_skb_reason_drop+144\n        ip_rcv_finish_core+608\n        ip_rcv+154\n\n"
        + "@stacks[__udp4_lib_rcv, 3]: \n        sk_skb_reason_drop+144\n        __udp4_lib_rcv+1212\n\n";
    // the last dump is cut short by the kill: the one before it is read
    String killed = "Attaching 5 probes...\n" + t + dump + t + dump.substring(0, 120);
    assertThat(BpftraceOutputParser.stacks(killed)).containsExactly(
        new SampledStack("ip_rcv_finish_core", 16, List.of("sk_skb_reason_drop+144", "ip_rcv_finish_core+608", "ip_rcv+154")),
        new SampledStack("__udp4_lib_rcv", 3, List.of("sk_skb_reason_drop+144", "__udp4_lib_rcv+1212")));
    // near misses: no stacks map, a header without frames, another map's indented lines
    assertThat(BpftraceOutputParser.stacks(t + "@drops[x, 1, a, b, 1, e, 0, 0]: 1\n" + t)).isEmpty();
    assertThat(BpftraceOutputParser.stacks(t + "@stacks[ip_rcv, 2]: \n\n" + t)).isEmpty();
    assertThat(BpftraceOutputParser.stacks(t + "@other[ip_rcv, 2]: \n        ip_rcv+1\n\n" + t)).isEmpty();
  }
}
