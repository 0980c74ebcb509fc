package dev.dropdx.support;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.diagnosis.DiagnosisEngine;
import dev.dropdx.knowledge.KnowledgeBaseProvider;
import dev.dropdx.lab.LabRunner;
import dev.dropdx.lab.LabScenario;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.drops.DropWatchProbe;
import dev.dropdx.probe.drops.NetnsInodes;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.host.HostFactsDetector;
import dev.dropdx.probe.iproute.RouteProbe;
import dev.dropdx.probe.procfs.SysctlProbe;
import dev.dropdx.probe.tracefs.TracefsInstances;
import dev.dropdx.rules.RuleBookLoader;
import dev.dropdx.rules.RuleBookProvider;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The real components wired by hand (constructor injection makes this cheap), for lab tests. */
public final class LabWiring {
  public final ChildProcesses children = new ChildProcesses();
  public final CommandRunner runner = new CommandRunner(children);
  public final TracefsInstances instances = new TracefsInstances();
  public final DiagnosisEngine engine;
  public final LabRunner lab;

  public LabWiring(List<LabScenario> scenarios) {
    DropdxPaths paths = new DropdxPaths("rules", "knowledge-base");
    ProbeCatalog probes = new ProbeCatalog(List.of(
        new DropWatchProbe(instances, runner, children, new NetnsInodes()), new SysctlProbe(runner), new RouteProbe(runner)));
    engine = new DiagnosisEngine(new RuleBookProvider(new RuleBookLoader(), paths),
        new KnowledgeBaseProvider(paths, JsonMapper.builder().build()), probes,
        new HostFactsDetector(runner, "/sys/kernel/tracing"));
    lab = new LabRunner(scenarios, engine, runner, children);
  }
}
