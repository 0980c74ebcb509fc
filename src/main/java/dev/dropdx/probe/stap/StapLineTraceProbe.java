package dev.dropdx.probe.stap;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.LineHit;
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
 * Which source lines of a function run for the target's packets (stap/line_trace.stp, pp() of every
 * statement). Parameters: {@code function}, {@code file} (as the debuginfo names it), {@code module}.
 */
@Component
public class StapLineTraceProbe implements Probe {
  /** Enough calls to see the path the target's packets take, few enough to keep the output small. */
  private static final int CALLS = 3;

  private final CommandRunner runner;
  private final StapScripts scripts;

  public StapLineTraceProbe(CommandRunner runner, StapScripts scripts) {
    this.runner = runner;
    this.scripts = scripts;
  }

  @Override
  public String id() {
    return "stap-line-trace";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("which source lines of a function run for the target's packets",
        List.of(ProbeInfo.param("function", "kernel function", "ip_rcv_finish"), ProbeInfo.param("file", "source file as the debuginfo names it", "net/ipv4/ip_input.c"), ProbeInfo.param("module", "module holding it (default kernel)", "kernel")),
        List.of("LineHit"),
        List.of("stap (stap/line_trace.stp)"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return StapScripts.availability(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String function = StapScripts.require(StapScripts.IDENT, request.param("function"), "function");
    String file = StapScripts.require(StapScripts.FILE, request.param("file"), "source file");
    List<String> args = List.of(function, function + "@" + file + ":*",
        StapScripts.require(StapScripts.IDENT, request.params().getOrDefault("module", "kernel"), "module"),
        StapScripts.addr(context.target().src()), StapScripts.addr(context.target().dst()), Integer.toString(context.windowSeconds()),
        Integer.toString(CALLS));
    return interpret(request, StapProbeSupport.run(runner, scripts, "line_trace.stp", args, context), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    List<String> notes = StapProbeSupport.notes(context.target());
    CommandResult r = StapProbeSupport.decode(raw, notes);
    List<LineHit> hits = StapOutputParser.lineHits(StapOutputParser.records(r.stdout()));
    String summary = hits.isEmpty()
        ? request.param("function") + "() ran no traced line for the target's packets"
        : request.param("function") + "() ran lines " + String.join(", ", hits.stream().map(h -> Integer.toString(h.line())).toList())
            + " of " + hits.get(0).file() + (hits.get(0).module().equals("kernel") ? "" : " (module " + hits.get(0).module() + ")")
            + ", last " + hits.get(hits.size() - 1).line();
    return new ProbeOutcome("stap", summary, new ArrayList<>(hits), notes, raw);
  }
}
