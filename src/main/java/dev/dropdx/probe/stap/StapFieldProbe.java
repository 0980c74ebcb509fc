package dev.dropdx.probe.stap;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.FieldValue;
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
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads one structure field through @cast when a function handles the target's packet
 * (stap/struct_field.stp). Parameters: {@code function}, {@code module}, {@code pointer} ($arg or
 * $arg->member), {@code struct}, {@code field} (member path), {@code format} (hex, dec, ipv4).
 */
@Component
public class StapFieldProbe implements Probe {
  private final CommandRunner runner;
  private final StapScripts scripts;

  public StapFieldProbe(CommandRunner runner, StapScripts scripts) {
    this.runner = runner;
    this.scripts = scripts;
  }

  @Override
  public String id() {
    return "stap-field";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("one structure field read when a function handles the target's packet",
        List.of(ProbeInfo.param("function", "kernel function", "gre_rcv"), ProbeInfo.param("module", "module holding it (default kernel)", "kernel"), ProbeInfo.param("pointer", "$arg or $arg->member", "$skb"), ProbeInfo.param("struct", "structure type", "sk_buff"), ProbeInfo.param("field", "member path", "protocol"), ProbeInfo.param("format", "hex, dec or ipv4 (default dec)", "hex")),
        List.of("FieldValue"),
        List.of("stap (stap/struct_field.stp)"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return StapScripts.availability(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String format = request.params().getOrDefault("format", "hex");
    if (!Set.of("hex", "dec", "ipv4").contains(format)) {
      throw new IllegalArgumentException("format must be hex, dec or ipv4: " + format);
    }
    String field = StapScripts.require(StapScripts.FIELD, request.param("field"), "field path");
    List<String> args = List.of(StapScripts.require(StapScripts.IDENT, request.param("function"), "function"),
        StapScripts.require(StapScripts.IDENT, request.params().getOrDefault("module", "kernel"), "module"),
        StapScripts.require(StapScripts.POINTER, request.param("pointer"), "pointer expression"),
        StapScripts.require(StapScripts.IDENT, request.param("struct"), "struct name"), field, field, format,
        StapScripts.addr(context.target().src()), StapScripts.addr(context.target().dst()), Integer.toString(context.windowSeconds()));
    return interpret(request, StapProbeSupport.run(runner, scripts, "struct_field.stp", args, context), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    List<String> notes = StapProbeSupport.notes(context.target());
    CommandResult r = StapProbeSupport.decode(raw, notes);
    List<FieldValue> values = StapOutputParser.fields(StapOutputParser.records(r.stdout()));
    String summary = values.isEmpty()
        ? request.param("function") + "() did not handle the target's packets during the window"
        : String.join("; ", values.stream().map(FieldValue::describe).toList());
    return new ProbeOutcome("stap", summary, new ArrayList<>(values), notes, raw);
  }
}
