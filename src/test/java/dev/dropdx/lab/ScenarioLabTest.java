package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.LabScenarios;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario file, built for real and diagnosed live, in one Spring context: the expected
 * verdict and cause, the evidence its {@code expect} block names (explanation, fix and verify
 * lines, the target's drop, the trail), and a clean teardown (namespaces, children, tracefs
 * instances). A scenario with a limitation may end with no drops on a host that cannot produce it.
 */
@LabTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioLabTest {
  private final LabWiring wiring = new LabWiring();
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 120);

  @AfterAll
  void close() {
    wiring.close();
  }

  Stream<String> scenarios() {
    return LabScenarios.all().stream().map(LabScenario::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theScenarioIsDiagnosedLiveWithItsEvidence(String name) {
    LabScenario scenario = wiring.lab.find(name).orElseThrow();
    if (scenario.requires() != null) {
      assumeThat(Runtime.getRuntime().availableProcessors()).as("needs " + scenario.requires().cpus() + " CPUs")
          .isGreaterThanOrEqualTo(scenario.requires().cpus());
    }
    LabRun run = wiring.lab.run(scenario, options, line -> { });
    DiagnosisReport report = run.report();
    LabExpectations expect = scenario.expect() == null ? new LabExpectations(null, null, null, null, null) : scenario.expect();

    List<String> verdicts = expect.verdicts().isEmpty() ? List.of(scenario.expected().verdict()) : expect.verdicts();
    assertThat(report.verdict().id()).as("verdict").isIn(verdicts);
    assertThat(run.asExpected() || run.notReproduced(scenario)).as("found " + causes(report) + ", built " + scenario.expectedCause())
        .isTrue();
    if (expect.causes() != null) {
      assertThat(causes(report)).as("causes").containsExactlyElementsOf(expect.causes());
    }
    if (report.verdict() == Verdict.DIAGNOSED) {
      assertThat(report.diagnoses()).hasSizeGreaterThanOrEqualTo(expect.diagnoses().size());
      for (int i = 0; i < expect.diagnoses().size(); i++) {
        check(report.diagnoses().get(i), expect.diagnoses().get(i));
      }
    }
    if (expect.drop() != null) {
      LabExpectations.DropCheck want = expect.drop();
      assertThat(report.drops()).as("a drop of the target's packets").anySatisfy(d -> {
        assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
        assertThat(want.reason() == null || want.reason().equals(d.reason())).as("reason " + d.reason()).isTrue();
        assertThat(want.function() == null || want.function().equals(d.function())).as("function " + d.function()).isTrue();
        assertThat(want.iface() == null || want.iface().equals(d.iface())).as("iface " + d.iface()).isTrue();
        assertThat(want.dst() == null || want.dst().equals(d.dst())).as("dst " + d.dst()).isTrue();
      });
    }
    if (expect.trail() != null) {
      check(report.trail(), expect.trail());
    }
    assertLabGone(scenario);
  }

  private static void check(ExplainedDiagnosis d, LabExpectations.DiagnosisCheck want) {
    if (want.cause() != null) {
      assertThat(d.cause()).isEqualTo(want.cause());
    }
    assertThat(d.explanation()).as(d.cause() + " explanation").contains(want.explanation());
    for (String not : want.explanationWithout()) {
      assertThat(d.explanation()).as(d.cause() + " explanation").doesNotContain(not);
    }
    for (List<String> line : want.fix()) {
      assertThat(d.fix()).as(d.cause() + " fix").anySatisfy(f -> assertThat(f).contains(line));
    }
    for (List<String> line : want.verify()) {
      assertThat(d.verify()).as(d.cause() + " verify").anySatisfy(v -> assertThat(v).contains(line));
    }
  }

  private static void check(List<TrailStep> trail, LabExpectations.TrailCheck want) {
    List<String> probes = trail.stream().map(TrailStep::probe).toList();
    if (!want.startsWith().isEmpty()) {
      assertThat(probes).as("trail").startsWith(want.startsWith().toArray(String[]::new));
    }
    assertThat(probes).as("trail").containsAll(want.contains());
    for (String not : want.without()) {
      assertThat(probes).as("trail").doesNotContain(not);
    }
    if (want.exactly() != null) {
      assertThat(probes).as("trail").containsExactlyElementsOf(want.exactly());
    }
    for (LabExpectations.ResultCheck r : want.results()) {
      assertThat(trail).as("trail step " + r.probe()).anySatisfy(s -> {
        assertThat(s.probe()).isEqualTo(r.probe());
        assertThat(s.result()).contains(r.contains());
      });
    }
  }

  private void assertLabGone(LabScenario scenario) {
    for (String ns : scenario.namespaces().values()) {
      assertThat(Path.of("/run/netns", ns)).doesNotExist();
    }
    assertThat(wiring.instances.openCount()).isZero();
    assertThat(wiring.children.count()).isZero();
    try (var dirs = Files.list(Path.of("/sys/kernel/tracing/instances"))) {
      assertThat(dirs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dropdx-" + ProcessHandle.current().pid() + "-")))
          .isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> causes(DiagnosisReport report) {
    return report.diagnoses().stream().map(ExplainedDiagnosis::cause).toList();
  }
}
