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

  /** Runs one scenario end to end. */
  public LabRun run(LabScenario scenario, DiagnosisOptions options, Consumer<String> progress) {
    long t0 = System.nanoTime();
    var report = during(scenario, progress, target -> engine.diagnose(target, options, progress));
    return new LabRun(scenario.name(), scenario.expectedCause(), report, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Sets up a scenario, lets its traffic start, hands its target to {@code body} (diagnose, collect,
   * or both), and tears it down on every path. A program the scenario needs that is missing is a
   * {@link LabException} before anything is built.
   */
  public <T> T during(LabScenario scenario, Consumer<String> progress, Function<Target, T> body) {
    LabTools.require(scenario);
    LabNetwork net = new LabNetwork(runner, children);
    // Ctrl-C or SIGTERM during a lab run must still remove its namespaces.
    Thread cleanup = new Thread(net::close, "dropdx-lab-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      progress.accept("lab " + scenario.name() + ": setting up " + scenario.description());
      Target target = LabSetUp.build(scenario, net);
      pause(1000); // let the traffic start (and the sender's first packets leave) before watching
      return body.apply(target);
    } finally {
      net.close();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run; either way the lab is gone
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
