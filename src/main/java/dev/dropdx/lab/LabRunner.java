package dev.dropdx.lab;

import dev.dropdx.diagnosis.DiagnosisEngine;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Sets up a scenario, lets traffic flow, diagnoses it, and tears it all down on every path. */
@Component
public class LabRunner {
  private final LabScenarioCatalog catalog;
  private final DiagnosisEngine engine;
  private final CommandRunner runner;
  private final ChildProcesses children;

  public LabRunner(LabScenarioCatalog catalog, DiagnosisEngine engine, CommandRunner runner, ChildProcesses children) {
    this.catalog = catalog;
    this.engine = engine;
    this.runner = runner;
    this.children = children;
  }

  /** The scenarios by name; a scenario file with a problem is a {@link LabScenarioException}. */
  public List<LabScenario> scenarios() {
    return catalog.scenarios();
  }

  public Optional<LabScenario> find(String name) {
    return catalog.find(name);
  }

  /**
   * Runs one scenario end to end. The rules load while the scenario is built (both mostly wait:
   * on the disk, on child processes), and the watch starts as soon as the traffic is started: the
   * watch's own start-up gives the sender time to send, and the watch waits for the target's drops.
   */
  public LabRun run(LabScenario scenario, DiagnosisOptions options, Consumer<String> progress) {
    long t0 = System.nanoTime();
    Thread warm = new Thread(engine::prepare, "dropdx-lab-rules");
    warm.setDaemon(true);
    warm.start();
    long[] marks = new long[3];
    var report = during(scenario, progress, target -> {
      marks[0] = System.nanoTime();
      try {
        return engine.diagnose(target, options, progress);
      } finally {
        marks[1] = System.nanoTime();
      }
    }, marks);
    LabTimes times = new LabTimes(millis(marks[0] - t0), millis(marks[1] - marks[0]), millis(marks[2] - marks[1]));
    return new LabRun(scenario.name(), scenario.expectedCause(), report, millis(System.nanoTime() - t0), times);
  }

  /**
   * Sets up a scenario, lets its traffic start, hands its target to {@code body} (diagnose, collect,
   * or both), and tears it down on every path. A program the scenario needs that is missing is a
   * {@link LabException} before anything is built.
   */
  public <T> T during(LabScenario scenario, Consumer<String> progress, Function<Target, T> body) {
    return during(scenario, progress, body, new long[3]);
  }

  /** As above; {@code marks[2]} is set to when the tear-down ended (System.nanoTime). */
  private <T> T during(LabScenario scenario, Consumer<String> progress, Function<Target, T> body, long[] marks) {
    LabTools.require(scenario);
    LabNetwork net = new LabNetwork(runner, children);
    // Ctrl-C or SIGTERM during a lab run must still remove its namespaces.
    Thread cleanup = new Thread(net::close, "dropdx-lab-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      progress.accept("lab " + scenario.name() + ": setting up " + scenario.description());
      Target target = LabSetUp.build(scenario, net);
      return body.apply(target);
    } finally {
      net.close();
      marks[2] = System.nanoTime();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run; either way the lab is gone
      }
    }
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
