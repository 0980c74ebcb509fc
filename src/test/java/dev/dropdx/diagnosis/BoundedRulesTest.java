package dev.dropdx.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dropdx.evidence.EvidenceSource;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile rule book: a rule that asks for probes forever, and two rules that re-trigger each
 * other. The probe, time and firing budgets stop each, and the trail's last step names the rule
 * and the budget.
 */
class BoundedRulesTest {
  private static final String HEADER = """
      package hostile;
      import dev.dropdx.fact.Target;
      import dev.dropdx.fact.ProbeRequest;
      import dev.dropdx.fact.DropWatchSummary;
      import dev.dropdx.fact.Counter;

      rule "hostile: pretend the watch ran"
      when
          Target()
          not DropWatchSummary()
      then
          insert(new DropWatchSummary("test", 1, false, 0, 0, 0));
      end
      """;

  private static final String FOREVER = HEADER + """
      rule "hostile: ask for one more probe after every answer"
      when
          $c : Number() from accumulate(Counter(), count(1))
      then
          insert(ProbeRequest.of("counters", 100, drools.getRule().getName(), "one more, forever", "n", String.valueOf($c)));
      end
      """;

  private static final String PING_PONG = HEADER + """
      declare Ball
          side : String
      end

      rule "hostile: serve"
      when
          Target()
          not Ball()
      then
          insert(new Ball("ping"));
      end

      rule "hostile: ping makes pong"
      when
          $b : Ball(side == "ping")
      then
          modify($b) { setSide("pong") };
      end

      rule "hostile: pong makes ping"
      when
          $b : Ball(side == "pong")
      then
          modify($b) { setSide("ping") };
      end
      """;

  @TempDir Path rulesDir;
  private final Target target = new Target("198.18.0.1", null, null, null, null, "");
  private final HostFacts host = new HostFacts("test", true, "/sys/kernel/tracing", Map.of(2, "NOT_SPECIFIED"), List.of("ip"), List.of());
  /** The session's clock: only the fake probes move it, so a time budget is spent without sleeping. */
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  /** Answers every probe with one more counter, so the forever rule always has news; each answer takes {@code millis} of the session's clock. */
  private final class AlwaysAnswers implements EvidenceSource {
    final AtomicInteger gathered = new AtomicInteger();
    final long millis;

    AlwaysAnswers(long millis) {
      this.millis = millis;
    }

    @Override
    public Availability availability(ProbeRequest request) {
      return Availability.yes();
    }

    @Override
    public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
      int n = gathered.incrementAndGet();
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
      return new ProbeOutcome("fake", "answer " + n, List.of(new dev.dropdx.fact.Counter("", "C" + n, n, 0, 1)), List.of(), "raw " + n);
    }
  }

  private DiagnosisReport run(String drl, EvidenceSource evidence, DiagnosisOptions options) throws Exception {
    Files.writeString(rulesDir.resolve("hostile.drl"), drl);
    RuleBook book = new RuleBookLoader().load(List.of(rulesDir));
    return new DiagnosisSession(book, new KnowledgeBase(Map.of()), dev.dropdx.support.ReasonPages.shipped(), evidence, host, target, options, line -> { }, nanos::get, nanos.get()).run();
  }

  @Test
  void aRuleAskingForProbesForeverIsStoppedByTheProbeBudget() throws Exception {
    AlwaysAnswers evidence = new AlwaysAnswers(0);
    DiagnosisReport report = run(FOREVER, evidence, new DiagnosisOptions(1, 7, 120));
    assertThat(evidence.gathered).hasValue(7);
    TrailStep last = report.trail().get(report.trail().size() - 1);
    assertThat(last.probe()).isEqualTo("stop");
    assertThat(last.askedBy()).isEqualTo("hostile: ask for one more probe after every answer");
    assertThat(last.result()).startsWith("stopped: probe budget spent (7 probes)");
    assertThat(report.stopReason()).contains("probe budget spent").contains("hostile: ask for one more probe after every answer");
  }

  @Test
  void aRuleAskingForProbesForeverIsStoppedByTheTimeBudget() throws Exception {
    AlwaysAnswers evidence = new AlwaysAnswers(300);
    DiagnosisReport report = run(FOREVER, evidence, new DiagnosisOptions(1, 100, 1));
    // Probes start at 0, 300, 600 and 900 ms; at 1200 ms the 1 s budget is spent.
    assertThat(evidence.gathered).hasValue(4);
    TrailStep last = report.trail().get(report.trail().size() - 1);
    assertThat(last.probe()).isEqualTo("stop");
    assertThat(last.atMillis()).isEqualTo(1200);
    assertThat(report.trail()).filteredOn(s -> s.probe().equals("counters")).extracting(TrailStep::atMillis, TrailStep::millis)
        .containsExactly(tuple(0L, 300L), tuple(300L, 300L), tuple(600L, 300L), tuple(900L, 300L));
    assertThat(last.askedBy()).isEqualTo("hostile: ask for one more probe after every answer");
    assertThat(last.result()).startsWith("stopped: time budget spent (1 s)");
  }

  @Test
  void twoRulesReTriggeringEachOtherAreStoppedByTheFiringLimitAndNamed() throws Exception {
    DiagnosisReport report = run(PING_PONG, new AlwaysAnswers(0), new DiagnosisOptions(1, 12, 120));
    TrailStep last = report.trail().get(report.trail().size() - 1);
    assertThat(last.probe()).isEqualTo("stop");
    assertThat(last.askedBy()).isIn("hostile: ping makes pong", "hostile: pong makes ping");
    assertThat(last.result()).startsWith("stopped: firing limit").contains("\"hostile: ping makes pong\"")
        .contains("\"hostile: pong makes ping\"").contains("re-trigger each other");
    assertThat(report.verdict()).isEqualTo(Verdict.NO_DROPS);
  }
}
