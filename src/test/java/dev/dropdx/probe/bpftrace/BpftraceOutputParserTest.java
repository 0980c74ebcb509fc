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
}
