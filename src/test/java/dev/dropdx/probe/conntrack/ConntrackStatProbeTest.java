package dev.dropdx.probe.conntrack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.ConntrackStat;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConntrackStatProbeTest {
  private static ProbeOutcome replay(CommandResult r) {
    return new ConntrackStatProbe(null).interpret(ProbeRequest.of("conntrack-stat", 50, "test", "why", "netns", "b"), RawCommand.encode(r),
        new ProbeContext(null, null, 3, line -> { }));
  }

  @Test
  void theInvalidColumnIsSummedOverCpusByItsHeaderName() throws Exception {
    // recorded in b after 5 bare TCP ACKs met "ct state invalid counter drop" (kernel-evidence conntrack-invalid)
    String text = Files.readString(Path.of("src/test/resources/recorded/nf-conntrack-stat-invalid.txt"));
    ProbeOutcome o = replay(new CommandResult(List.of("cat", "/proc/net/stat/nf_conntrack"), 0, text, "", false));
    assertThat(o.facts()).containsExactly(new ConntrackStat("b", 2, 5, 0, 0, 0));
    assertThat(o.summary()).contains("invalid 5");
  }

  @Test
  void dropAndEarlyDropAreReadWhereverTheKernelPutsThem() {
    String text = "entries found invalid drop early_drop insert_failed\n00000010 00000001 00000002 000003a1 00004f22 00000001\n"
        + "00000010 00000001 00000001 000002b7 00005011 00000000\n";
    ConntrackStat s = ConntrackStatParser.parse("", text);
    assertThat(s).isEqualTo(new ConntrackStat("", 2, 3, 0x3a1 + 0x2b7, 0x4f22 + 0x5011, 1));
  }

  @Test
  void aMissingFileMeansConntrackIsNotActive() {
    ProbeOutcome o = replay(new CommandResult(List.of("cat", "/proc/net/stat/nf_conntrack"), 1, "",
        "cat: /proc/net/stat/nf_conntrack: No such file or directory", false));
    assertThat(o.facts()).singleElement().satisfies(f -> assertThat(((ConntrackStat) f).active()).isFalse());
    assertThat(o.notes()).singleElement().asString().contains("not active");
  }

  @Test
  void aTornRowIsSkippedNotMisplaced() {
    ConntrackStat s = ConntrackStatParser.parse("", "entries invalid drop\n00000001 00000002 00000003\n0000\n");
    assertThat(s.cpus()).isEqualTo(1);
    assertThat(s.invalid()).isEqualTo(2);
    assertThat(s.drop()).isEqualTo(3);
  }
}
