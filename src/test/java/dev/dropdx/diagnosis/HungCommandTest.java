package dev.dropdx.diagnosis;

import dev.dropdx.evidence.EvidenceSource;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.rules.RuleBookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** A probe whose external command hangs is killed at its timeout; the loop goes on to the next probe with what it has. */
class HungCommandTest {
  private static final String RULES = """
      package hung;
      import dev.dropdx.fact.Target;
      import dev.dropdx.fact.ProbeRequest;
      import dev.dropdx.fact.DropWatchSummary;

      rule "hung: ask for the slow probe first and the quick one after"
      when
          Target()
      then
          insert(new DropWatchSummary("test", 1, false, 0, 0, 0));
          insert(ProbeRequest.of("hangs", 100, drools.getRule().getName(), "its command never ends"));
          insert(ProbeRequest.of("answers", 50, drools.getRule().getName(), "its command ends"));
      end
      """;

  @TempDir Path rules;

  @Test
  void aHungCommandIsKilledAtItsTimeoutAndTheNextProbeRuns() throws Exception {
    Files.writeString(rules.resolve("hung.drl"), RULES);
    ChildProcesses children = new ChildProcesses();
    CommandRunner runner = new CommandRunner(children);
    EvidenceSource evidence = new EvidenceSource() {
      @Override
      public Availability availability(ProbeRequest request) {
        return Availability.yes();
      }

      @Override
      public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
        // A stand-in for a tool that hangs (stap compiling forever, ss on a wedged netlink socket).
        CommandResult r = request.probe().equals("hangs")
            ? runner.run(List.of("sleep", "600"), Duration.ofSeconds(1))
            : runner.run(List.of("echo", "fine"), Duration.ofSeconds(10));
        return new ProbeOutcome("exec", r.timedOut() ? "killed at its timeout: " + r.firstError() : r.stdout().strip(), List.of(), List.of(), "");
      }
    };
    long t0 = System.nanoTime();
    DiagnosisReport report = new DiagnosisSession(new RuleBookLoader().load(List.of(rules)), new KnowledgeBase(Map.of()), dev.dropdx.support.ReasonPages.shipped(), evidence,
        new HostFacts("test", true, "/sys/kernel/tracing", Map.of(), List.of(), List.of()), new Target("198.18.0.1", null, null, null, null, ""),
        new DiagnosisOptions(1, 12, 120), l -> { }, System::nanoTime, System.nanoTime()).run();
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(30);
    assertThat(report.trail()).extracting(TrailStep::probe).containsSubsequence("hangs", "answers");
    assertThat(report.trail()).filteredOn(s -> s.probe().equals("hangs")).singleElement()
        .satisfies(s -> assertThat(s.result()).isEqualTo("killed at its timeout: timed out"));
    assertThat(report.trail()).filteredOn(s -> s.probe().equals("answers")).singleElement()
        .satisfies(s -> assertThat(s.result()).isEqualTo("fine"));
    assertThat(children.count()).isZero();
  }
}
