package dev.dropdx.probe.stap;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.FunctionReturn;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a function returns for the target's packets (stap/function_return.stp). Parameters:
 * {@code function}, {@code module} ("kernel" for vmlinux).
 */
@Component
public class StapReturnProbe implements Probe {
  private final CommandRunner runner;
  private final StapScripts scripts;

  public StapReturnProbe(CommandRunner runner, StapScripts scripts) {
    this.runner = runner;
    this.scripts = scripts;
  }

  @Override
  public String id() {
    return "stap-return";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("what a kernel function returns for the target's packets",
        List.of(ProbeInfo.param("function", "kernel function to watch", "ip_route_input_noref"), ProbeInfo.param("module", "module holding it (\"kernel\" for vmlinux, the default)", "kernel")),
        List.of("FunctionReturn"),
        List.of("stap (stap/function_return.stp)"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return StapScripts.availability(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    List<String> args = List.of(StapScripts.require(StapScripts.IDENT, request.param("function"), "function"),
        StapScripts.require(StapScripts.IDENT, request.params().getOrDefault("module", "kernel"), "module"),
        StapScripts.addr(context.target().src()), StapScripts.addr(context.target().dst()), Integer.toString(context.windowSeconds()));
    return interpret(request, StapProbeSupport.run(runner, scripts, "function_return.stp", args, context), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    List<String> notes = StapProbeSupport.notes(context.target());
    CommandResult r = StapProbeSupport.decode(raw, notes);
    List<FunctionReturn> returns = StapOutputParser.returns(StapOutputParser.records(r.stdout()));
    String summary = returns.isEmpty()
        ? request.param("function") + "() was not called for the target's packets during the window"
        : String.join("; ", returns.stream().map(FunctionReturn::describe).toList());
    return new ProbeOutcome("stap", summary, new ArrayList<>(returns), notes, raw);
  }
}
