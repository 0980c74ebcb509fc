package dev.dropdx.probe.bpftrace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.bpftrace.BpftraceOutputParser.PacketDrop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpftraceOutputParserTest {

  @Test
  void parsesEveryMapEntryOfARecordedRun() throws Exception {
    List<PacketDrop> drops = BpftraceOutputParser.parse(Files.readString(Path.of("src/test/resources/recorded/bpftrace-rpfilter.txt")));
    assertThat(drops).hasSize(3);
    assertThat(drops.get(0)).isEqualTo(new PacketDrop("ip_rcv_finish_core", 16, "198.18.2.1", "198.18.1.2", 1, "rpf-rx0", 4026532246L, 0, 15));
    assertThat(drops.get(2).iface()).isEmpty();
    assertThat(drops.get(2).netnsInode()).isZero();
  }

  @Test
  void ignoresWarningsAndForeignLines() {
    assertThat(BpftraceOutputParser.parse("WARNING: Could not set RLIMIT_MEMLOCK\n@other[1]: 2\n@drops[x, y]: 1\n")).isEmpty();
  }

  @Test
  void theProgramReadsPortsOnlyWhenAsked() {
    assertThat(BpftraceDropScript.program(3, false)).doesNotContain("$l4").contains("interval:s:3");
    assertThat(BpftraceDropScript.program(7, true)).contains("$l4").contains("interval:s:7");
  }

  @Test
  void periodicDumpsAreReadOneAtATimeAndTheFinalMapWins() {
    String entry = "@drops[ip_rcv_finish_core, 16, 198.18.2.1, 198.18.1.2, 1, rpf-rx0, 4026532246, 0]: ";
    String t = BpftraceDropScript.TICK + "\n";
    String running = "Attaching 4 probes...\n" + t + "\n" + t + entry + "3\n\n" + t + entry + "7\n\n" + t;
    // the dump between the last two markers is complete; the one after the last may be half-written
    assertThat(BpftraceOutputParser.lastTick(running)).hasValueSatisfying(d -> assertThat(BpftraceOutputParser.parse(d))
        .singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(7)));
    assertThat(BpftraceOutputParser.lastTick("Attaching 4 probes...\n" + t)).isEmpty();
    String finished = running + entry + "8\n\n" + BpftraceDropScript.FINAL + "\n\n" + entry + "9\n\n";
    assertThat(BpftraceOutputParser.parse(finished)).singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(9));
    assertThat(BpftraceOutputParser.finalDump(finished)).doesNotContain(BpftraceDropScript.TICK).contains("]: 9");
  }
}
