package dev.dropdx.probe.iproute;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.NeighbourEntry;
import dev.dropdx.fact.NextHop;
import dev.dropdx.fact.ProbeRequest;
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
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The neighbour side of a path: which next hop packets to {@code dst} need (`ip -o route get`),
 * the neighbour table entries on its device with their states and probe counts (`ip -s neigh
 * show dev`), and the device's link state (`ip -br link show dev`). Parameters: {@code netns},
 * {@code dst}, and {@code dev} (optional: the device the drops named, else the route's).
 */
@Component
public class NeighbourProbe implements Probe {
  private static final String ROUTE = "ip route get";
  private static final String NEIGH = "ip -s neigh show";
  private static final String LINK = "ip -br link show";
  private final CommandRunner runner;

  public NeighbourProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "neighbours";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the next hop packets to dst need, its neighbour entries and the device's link state",
        List.of(ProbeInfo.netns(), ProbeInfo.param("dst", "destination address", "198.18.1.2"), ProbeInfo.param("dev", "optional: the device the drops named (default: the route's)", "veth0")),
        List.of("NextHop", "NeighbourEntry", "LinkState"),
        List.of("ip -o route get", "ip -s neigh show dev", "ip -br link show dev"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return host.hasTool("ip") ? Availability.yes() : Availability.no("ip (iproute2) is not installed: apt-get install iproute2");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    String dst = request.param("dst");
    Duration t = Duration.ofSeconds(5);
    CommandResult route = runner.run(IpCommand.in(netns, "-o", "route", "get", dst), t);
    String dev = request.params().getOrDefault("dev", "");
    if (dev.isEmpty()) {
      dev = NeighbourParser.nextHop(netns, dst, route.stdout()).map(NextHop::dev).orElse("");
    }
    RecordedSections.Writer raw = RecordedSections.writer().section(ROUTE, RawCommand.encode(route));
    if (!dev.isEmpty()) {
      raw.section(NEIGH, RawCommand.encode(runner.run(IpCommand.in(netns, "-s", "neigh", "show", "dev", dev), t)));
      raw.section(LINK, RawCommand.encode(runner.run(IpCommand.in(netns, "-br", "link", "show", "dev", dev), t)));
    }
    return interpret(request, raw.toString(), context);
  }

  /** Raw output: the recorded `ip` results, each after its own header line. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    String dst = request.param("dst");
    RecordedSections recorded = RecordedSections.read(raw, ROUTE, NEIGH, LINK);
    List<Object> facts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    Optional<NextHop> hop = Optional.empty();
    if (recorded.has(ROUTE)) {
      CommandResult r = RawCommand.decode(recorded.section(ROUTE));
      hop = r.ok() ? NeighbourParser.nextHop(netns, dst, r.stdout()) : Optional.empty();
      if (hop.isEmpty()) {
        notes.add("no unicast route to " + dst + (r.ok() ? "" : ": " + r.firstError()) + ", so no next hop to look up");
      }
    }
    hop.ifPresent(h -> {
      facts.add(h);
      summary.add(h.describe());
    });
    String asked = request.params().getOrDefault("dev", "");
    String dev = asked.isEmpty() ? hop.map(NextHop::dev).orElse("") : asked;
    if (recorded.has(NEIGH)) {
      CommandResult r = RawCommand.decode(recorded.section(NEIGH));
      if (r.ok()) {
        List<NeighbourEntry> entries = NeighbourParser.neighbours(netns, dev.isEmpty() ? null : dev, r.stdout());
        facts.addAll(entries);
        String hopAddress = hop.map(NextHop::address).orElse(dst);
        summary.add(entries.stream().filter(e -> e.address().equals(hopAddress)).findFirst().map(NeighbourEntry::describe)
            .orElse("no neighbour entry for " + hopAddress) + " (" + entries.size() + " entr(ies) on " + dev + ")");
      } else {
        notes.add("ip neigh show failed: " + r.firstError());
      }
    }
    if (recorded.has(LINK)) {
      CommandResult r = RawCommand.decode(recorded.section(LINK));
      if (r.ok()) {
        NeighbourParser.links(netns, r.stdout()).forEach(l -> {
          facts.add(l);
          summary.add(l.describe());
        });
      } else {
        notes.add("ip link show failed: " + r.firstError());
      }
    }
    return new ProbeOutcome("iproute2", summary.isEmpty() ? "nothing read" : String.join("; ", summary), facts, notes, raw);
  }
}
