package dev.dropdx.probe.procfs;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.KernelModule;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Loaded modules and their load addresses (/proc/modules), so rules can tell which module owns a
 * drop address (two modules may define a function of the same name, as gre and ip_gre do with
 * gre_rcv). Load addresses read as 0 without root (kptr_restrict).
 */
@Component
public class ModulesProbe implements Probe {
  private final CommandRunner runner;

  public ModulesProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "modules";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("loaded kernel modules and their load addresses (which module owns a drop address)",
        List.of(),
        List.of("KernelModule"),
        List.of("/proc/modules"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return host.root() ? Availability.yes() : Availability.no("module load addresses read as 0 without root: run dropdx as root");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    return interpret(request, RawCommand.encode(runner.run(List.of("cat", "/proc/modules"), Duration.ofSeconds(5))), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    CommandResult r = RawCommand.decode(raw);
    if (!r.ok()) {
      return new ProbeOutcome("procfs", "/proc/modules could not be read (a kernel without loadable modules has none)", List.of(),
          List.of("/proc/modules: " + r.firstError()), raw);
    }
    List<KernelModule> modules = ModulesParser.parse(r.stdout());
    return new ProbeOutcome("procfs", modules.size() + " module(s) loaded: "
        + String.join(", ", modules.stream().map(m -> m.name() + "@" + m.base()).toList()), new ArrayList<>(modules), List.of(), raw);
  }
}
