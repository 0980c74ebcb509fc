package dev.dropdx.probe.xfrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.XfrmPolicy;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The xfrm probe replays its recorded output (policies, then two xfrm_stat readings) into facts. */
class XfrmProbeTest {
  private static final String NS = "dropdx-lab-xfrm-rx";
  private final XfrmProbe probe = new XfrmProbe(new CommandRunner(new dev.dropdx.probe.exec.ChildProcesses()));

  private static String raw(CommandResult policies, CommandResult first, CommandResult second) {
    return RecordedSections.writer().text(RawCommand.encode(policies) + "\n")
        .section(XfrmProbe.STAT, RawCommand.encode(first) + "\n").section(XfrmProbe.STAT_AFTER, RawCommand.encode(second)).toString();
  }

  private static CommandResult ok(String cmd, String out) {
    return new CommandResult(List.of(cmd.split(" ")), 0, out, "", false);
  }

  @Test
  void recordedOutputGivesThePoliciesAndTheRiseOfEachCounter() {
    String raw = raw(ok("ip -n " + NS + " xfrm policy show", XfrmPolicyParserTest.BLOCK),
        ok("cat /proc/net/xfrm_stat", "XfrmInPolBlock          \t3\nXfrmInNoPols            \t0\n"),
        ok("cat /proc/net/xfrm_stat", "XfrmInPolBlock          \t8\nXfrmInNoPols            \t0\n"));
    ProbeOutcome o = probe.interpret(ProbeRequest.of("xfrm", 50, "test", "why", "netns", NS), raw, null);
    assertThat(o.facts()).filteredOn(XfrmPolicy.class::isInstance).singleElement()
        .satisfies(p -> assertThat(((XfrmPolicy) p).blocks()).isTrue());
    assertThat(o.facts()).filteredOn(Counter.class::isInstance).map(Counter.class::cast)
        .containsExactly(new Counter(NS, "XfrmInPolBlock", 8, 5, 1), new Counter(NS, "XfrmInNoPols", 0, 0, 1));
    assertThat(o.summary()).contains("1 xfrm policy", "action block", "XfrmInPolBlock = 8 (+5 in 1.0 s)");
    assertThat(o.notes()).isEmpty();
  }

  @Test
  void aKernelWithoutXfrmStatisticsStillGivesThePoliciesAndSaysWhy() {
    String raw = raw(ok("ip xfrm policy show", ""),
        new CommandResult(List.of("cat", "/proc/net/xfrm_stat"), 1, "", "cat: /proc/net/xfrm_stat: No such file or directory", false),
        new CommandResult(List.of("cat", "/proc/net/xfrm_stat"), 1, "", "cat: /proc/net/xfrm_stat: No such file or directory", false));
    ProbeOutcome o = probe.interpret(ProbeRequest.of("xfrm", 50, "test", "why"), raw, null);
    assertThat(o.facts()).isEmpty();
    assertThat(o.summary()).startsWith("0 xfrm policies");
    assertThat(o.notes()).singleElement().asString().contains("xfrm_stat could not be read", "No such file");
  }

  /** A bundle recorded when the rule asked 1 s (no seconds param) answers today's 0.5 s ask, and says 1 s. */
  @Test
  void anOlderOneSecondRecordingAnswersAHalfSecondAskAtItsOwnInterval() {
    String old = raw(ok("ip xfrm policy show", XfrmPolicyParserTest.BLOCK),
        ok("cat /proc/net/xfrm_stat", "XfrmInPolBlock          \t3\n"), ok("cat /proc/net/xfrm_stat", "XfrmInPolBlock          \t8\n"));
    ProbeRequest half = ProbeRequest.of("xfrm", 50, "test", "why", "netns", NS, "seconds", "0.5");
    String answer = probe.answerFrom(Map.of("netns", NS), old, half).orElseThrow();
    assertThat(probe.interpret(half, answer, null).facts()).filteredOn(Counter.class::isInstance)
        .containsExactly(new Counter(NS, "XfrmInPolBlock", 8, 5, 1));
    // a recording over 0.5 s does not answer a 1 s ask, nor one of another namespace
    assertThat(probe.answerFrom(Map.of("netns", NS, "seconds", "0.5"), old, ProbeRequest.of("xfrm", 50, "test", "why", "netns", NS))).isEmpty();
    assertThat(probe.answerFrom(Map.of("netns", "other"), old, half)).isEmpty();
  }

  /** A live run records its interval, which the facts then carry whatever the replaying request says. */
  @Test
  void aLiveRunRecordsItsInterval() {
    CommandRunner runner = new CommandRunner(null) {
      @Override
      public CommandResult runIn(String netns, List<String> command, java.time.Duration timeout) {
        return ok("ip xfrm policy show", XfrmPolicyParserTest.BLOCK);
      }

      @Override
      public List<CommandResult> runTwiceIn(String netns, List<String> command, double seconds, java.time.Duration timeout) {
        assertThat(seconds).isEqualTo(0.5);
        return List.of(ok("cat /proc/net/xfrm_stat", "XfrmInPolBlock \t3\n"), ok("cat /proc/net/xfrm_stat", "XfrmInPolBlock \t4\n"));
      }
    };
    ProbeOutcome o = new XfrmProbe(runner).run(ProbeRequest.of("xfrm", 50, "test", "why", "netns", NS, "seconds", "0.5"), null);
    assertThat(o.raw()).endsWith("--- interval ---\n0.5\n");
    assertThat(probe.interpret(ProbeRequest.of("xfrm", 50, "test", "why", "netns", NS), o.raw(), null).facts())
        .filteredOn(Counter.class::isInstance).containsExactly(new Counter(NS, "XfrmInPolBlock", 4, 1, 0.5));
  }
}
