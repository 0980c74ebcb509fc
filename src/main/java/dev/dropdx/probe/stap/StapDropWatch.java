package dev.dropdx.probe.stap;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.DropWatchBackend;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.stap.StapOutputParser.Record;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The stap backend of the drop watch, for kernels without drop reasons: stap/kfree_skb_location.stp
 * gives where the target's packets are freed, filtered by the target's source/destination address. Gives the same {@link Drop} facts as the
 * tracefs watch (reason NOT_SPECIFIED) plus each location's code address.
 */
@Component
public class StapDropWatch implements DropWatchBackend {
  private final CommandRunner runner;
  private final StapScripts scripts;

  public StapDropWatch(CommandRunner runner, StapScripts scripts) {
    this.runner = runner;
    this.scripts = scripts;
  }

  @Override
  public String name() {
    return "stap";
  }

  @Override
  public Availability availability(HostFacts host) {
    return StapScripts.availability(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    List<String> args = List.of(StapScripts.addr(context.target().src()), StapScripts.addr(context.target().dst()),
        Integer.toString(context.windowSeconds()));
    return interpret(request, StapProbeSupport.run(runner, scripts, "kfree_skb_location.stp", args, context), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    List<String> notes = StapProbeSupport.notes(context.target());
    CommandResult r = StapProbeSupport.decode(raw, notes);
    List<Record> records = StapOutputParser.records(r.stdout());
    List<Drop> drops = StapOutputParser.drops(records, context.target());
    Record summary = StapOutputParser.summary(records).orElse(null);
    int window = summary == null ? context.windowSeconds() : (int) summary.number("window");
    boolean filtered = context.target().src() != null || context.target().dst() != null;
    long matched = drops.stream().filter(Drop::mayBeTarget).mapToLong(Drop::count).sum();
    long ignored = drops.stream().filter(d -> !d.mayBeTarget()).mapToLong(Drop::count).sum()
        + (summary == null ? 0 : summary.number("other"));
    if (!filtered) {
      notes.add("no source or destination address was given: every IPv4 drop counts as possibly the target's (IPv6 packets are "
          + "not seen: the script reads IPv4 headers only)");
    }
    DropWatchSummary s = new DropWatchSummary("stap", window, filtered, matched, ignored, 0);
    // The trail shows the summary: an IPv6 target's "0 matched" must not read as "no drops".
    String blind = context.target() != null && context.target().ipv6() ? "IPv4 only, blind to this IPv6 target: " : "";
    List<Object> facts = new ArrayList<>(drops);
    facts.addAll(StapOutputParser.addresses(records));
    facts.add(s);
    return new ProbeOutcome("stap", blind + s.describe() + drops.stream().filter(Drop::mayBeTarget).map(d -> "; " + d.describe()).reduce("", String::concat),
        facts, notes, raw);
  }
}
