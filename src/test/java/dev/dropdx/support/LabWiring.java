package dev.dropdx.support;

import dev.dropdx.diagnosis.DiagnosisEngine;
import dev.dropdx.lab.LabRunner;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.tracefs.TracefsInstances;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real components as the application wires them (every probe and rule loader found by
 * component scan; the lab scenarios from knowledge-base/lab), without the shell, for lab tests.
 * New probes and scenarios need no change here.
 */
public final class LabWiring implements AutoCloseable {
  private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
  public final ChildProcesses children;
  public final CommandRunner runner;
  public final TracefsInstances instances;
  public final DiagnosisEngine engine;
  public final LabRunner lab;

  public LabWiring() {
    context.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
    // Everything but the shell commands; history goes to a throwaway directory.
    context.getEnvironment().getSystemProperties().putIfAbsent("dropdx.data-dir", System.getProperty("java.io.tmpdir") + "/dropdx-test-data");
    context.scan("dev.dropdx.probe", "dev.dropdx.diagnosis", "dev.dropdx.rules", "dev.dropdx.knowledge", "dev.dropdx.lab",
        "dev.dropdx.config", "dev.dropdx.history", "dev.dropdx.evidence", "dev.dropdx.batch", "dev.dropdx.db", "dev.dropdx.collect", "dev.dropdx.trust");
    context.refresh();
    children = context.getBean(ChildProcesses.class);
    runner = context.getBean(CommandRunner.class);
    instances = context.getBean(TracefsInstances.class);
    engine = context.getBean(DiagnosisEngine.class);
    lab = context.getBean(LabRunner.class);
  }

  /** Any other wired component (e.g. the history). */
  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
