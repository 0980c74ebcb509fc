package dev.dropdx.probe.tc;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.TcFilter;
import dev.dropdx.fact.TcQdisc;
import dev.dropdx.fact.TcScan;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a device's traffic control: `tc -s qdisc show dev IFACE` (every qdisc with its sent and
 * dropped counters; the clsact qdisc's dropped is the only counter of a cls_bpf filter's drops) and
 * `tc -s filter show dev IFACE ingress|egress`. Parameters: {@code netns}, {@code iface}. Answers
 * with a {@link TcScan}, one {@link TcQdisc} per qdisc and one {@link TcFilter} per filter.
 */
@Component
public class TcProbe implements Probe {
  private static final String QDISC = "tc -s qdisc show";
  private static final String INGRESS = "tc -s filter show ingress";
  private static final String EGRESS = "tc -s filter show egress";
  private final CommandRunner runner;

  public TcProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "tc";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("a device's qdiscs and tc filters with their sent and dropped counters",
        List.of(ProbeInfo.netns(), ProbeInfo.param("iface", "device", "veth0")),
        List.of("TcScan", "TcQdisc", "TcFilter"),
        List.of("tc -s qdisc show dev", "tc -s filter show dev ingress|egress"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return host.hasTool("tc") ? Availability.yes() : Availability.no("tc (iproute2) is not installed: apt-get install iproute2");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    String iface = request.params().getOrDefault("iface", "");
    Duration t = Duration.ofSeconds(5);
    String raw = RecordedSections.writer()
        .section(QDISC, RawCommand.encode(runner.runIn(netns, List.of("tc", "-s", "qdisc", "show", "dev", iface), t)))
        .section(INGRESS, RawCommand.encode(runner.runIn(netns, List.of("tc", "-s", "filter", "show", "dev", iface, "ingress"), t)))
        .section(EGRESS, RawCommand.encode(runner.runIn(netns, List.of("tc", "-s", "filter", "show", "dev", iface, "egress"), t)))
        .toString();
    return interpret(request, raw, context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    String iface = request.params().getOrDefault("iface", "");
    RecordedSections recorded = RecordedSections.read(raw, QDISC, INGRESS, EGRESS);
    List<Object> facts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    CommandResult q = RawCommand.decode(recorded.section(QDISC));
    List<TcQdisc> qdiscs = q.ok() ? TcOutputParser.qdiscs(netns, iface, q.stdout()) : List.of();
    String error = q.ok() ? "" : q.firstError();
    List<TcFilter> filters = new ArrayList<>();
    for (String[] dir : new String[][] {{INGRESS, "ingress"}, {EGRESS, "egress"}}) {
      if (!recorded.has(dir[0])) {
        continue;
      }
      CommandResult f = RawCommand.decode(recorded.section(dir[0]));
      // Without a clsact/ingress qdisc tc refuses to list filters: that means none, not a failure.
      if (f.ok()) {
        filters.addAll(TcOutputParser.filters(netns, iface, dir[1], f.stdout()));
      }
    }
    if (!q.ok()) {
      notes.add("tc qdisc show dev " + iface + " failed: " + error);
    }
    TcScan scan = new TcScan(netns, iface, qdiscs.size(), filters.size(), error);
    facts.add(scan);
    facts.addAll(qdiscs);
    facts.addAll(filters);
    List<String> parts = new ArrayList<>(List.of(scan.describe()));
    qdiscs.stream().filter(d -> d.dropped() > 0).map(TcQdisc::describe).forEach(parts::add);
    filters.stream().map(TcFilter::describe).forEach(parts::add);
    return new ProbeOutcome("iproute2", String.join("; ", parts), facts, notes, raw);
  }
}
