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
}
