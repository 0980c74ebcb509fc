package dev.dropdx.probe.softnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SoftnetStatParserTest {

  @Test
  void readsEveryCpuOfARecordedFile() throws Exception {
    // Recorded on the 6.18 lab VM (2 CPUs, no backlog drops: none could be produced there).
    var rows = SoftnetStatParser.parse(Files.readString(Path.of("src/test/resources/recorded/softnet_stat-2cpu.txt")));
    assertThat(rows).containsExactly(
        new SoftnetStatParser.Row(0, 0x1c6009L, 0, 0),
        new SoftnetStatParser.Row(1, 0xb42406L, 0, 0));
  }

  @Test
  void droppedIsTheSecondColumnInHexAndTheCpuComesFromColumnThirteen() {
    // Shaped like the kernel's softnet_seq_show output: CPU 3 only (CPUs 0-2 offline), 0x1f4 dropped.
    String line = "0001e240 000001f4 0000002a 00000000 00000000 00000000 00000000 00000000 00000000 00000010 00000000 000003e8 00000003 000003e8 00000000\n";
    assertThat(SoftnetStatParser.parse(line)).containsExactly(new SoftnetStatParser.Row(3, 123456, 500, 42));
  }

  @Test
  void olderKernelsWithoutACpuColumnUseTheLineIndex() {
    String text = "00000010 00000002 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n"
        + "00000020 00000000 00000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000\ngarbage\n";
    assertThat(SoftnetStatParser.parse(text)).extracting(SoftnetStatParser.Row::cpu, SoftnetStatParser.Row::dropped)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2L), org.assertj.core.groups.Tuple.tuple(1, 0L));
  }
}
