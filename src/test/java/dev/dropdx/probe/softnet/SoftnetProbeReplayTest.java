package dev.dropdx.probe.softnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SoftnetCpu;
import dev.dropdx.probe.ProbeContext;
import org.junit.jupiter.api.Test;

class SoftnetProbeReplayTest {
  private static final String ROW = "%08x %08x %08x 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 %08x 00000000 00000000\n";

  @Test
  void twoRecordedReadingsGiveEachCpusDropGrowth() {
    String raw = ROW.formatted(100, 0, 0, 0) + ROW.formatted(200, 5, 1, 1)
        + "--- second reading ---\n" + ROW.formatted(150, 0, 0, 0) + ROW.formatted(900, 812, 9, 1);
    var outcome = new SoftnetProbe().interpret(ProbeRequest.of("softnet", 50, "test", "why", "seconds", "1"), raw,
        new ProbeContext(null, null, 3, line -> { }));
    assertThat(outcome.facts()).containsExactly(new SoftnetCpu(0, 150, 0, 0, 0, 1), new SoftnetCpu(1, 900, 812, 9, 807, 1));
    assertThat(outcome.summary()).startsWith("2 CPU(s), 1 with backlog drops");
  }

  @Test
  void aOneSecondRecordingAnswersAHalfSecondRequestAndKeepsItsInterval() {
    String raw = ROW.formatted(100, 0, 0, 0) + "--- second reading ---\n" + ROW.formatted(900, 812, 9, 0);
    SoftnetProbe probe = new SoftnetProbe();
    ProbeRequest half = ProbeRequest.of("softnet", 50, "test", "why", "seconds", "0.5");
    var answer = probe.answerFrom(java.util.Map.of("seconds", "1"), raw, half);
    assertThat(answer).isPresent();
    var outcome = probe.interpret(half, answer.get(), new ProbeContext(null, null, 3, line -> { }));
    assertThat(outcome.facts()).containsExactly(new SoftnetCpu(0, 900, 812, 9, 812, 1.0));
    assertThat(outcome.summary()).contains("in 1.0 s");
    // A shorter recording, or one read once, cannot say whether drops grow over a longer interval.
    assertThat(probe.answerFrom(java.util.Map.of("seconds", "0.5"), raw, ProbeRequest.of("softnet", 50, "test", "why", "seconds", "1"))).isEmpty();
    assertThat(probe.answerFrom(java.util.Map.of("seconds", "1"), ROW.formatted(100, 0, 0, 0), half)).isEmpty();
    assertThat(probe.answerFrom(java.util.Map.of("seconds", "0.5"), raw, half)).contains(raw);
  }

  @Test
  void aHalfSecondRequestReadsHalfASecondApart() {
    String raw = ROW.formatted(100, 0, 0, 0) + "--- second reading ---\n" + ROW.formatted(900, 812, 9, 0);
    var outcome = new SoftnetProbe().interpret(ProbeRequest.of("softnet", 50, "test", "why", "seconds", "0.5"), raw,
        new ProbeContext(null, null, 3, line -> { }));
    assertThat(outcome.facts()).containsExactly(new SoftnetCpu(0, 900, 812, 9, 812, 0.5));
    assertThat(outcome.summary()).contains("+812 in 0.5 s");
  }
}
