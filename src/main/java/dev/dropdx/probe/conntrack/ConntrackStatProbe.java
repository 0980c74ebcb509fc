package dev.dropdx.probe.conntrack;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.ConntrackStat;
import dev.dropdx.fact.HostFacts;
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
 * Reads /proc/net/stat/nf_conntrack inside a namespace (the file is per namespace) into one
 * {@link ConntrackStat}: how many packets conntrack called invalid, and the table-full counters
 * drop and early_drop. A missing file means conntrack is not active there (a fact with 0 CPU
 * rows, so rules can tell "not active" from "not looked"). Parameter: {@code netns}.
 */
@Component
public class ConntrackStatProbe implements Probe {
  static final String FILE = "/proc/net/stat/nf_conntrack";
  private final CommandRunner runner;

  public ConntrackStatProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "conntrack-stat";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("conntrack's invalid and table-full counters in a namespace",
        List.of(ProbeInfo.netns()),
        List.of("ConntrackStat"),
        List.of("/proc/net/stat/nf_conntrack"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return host.root() ? Availability.yes() : Availability.no("reading another namespace's conntrack statistics needs root: run dropdx with sudo");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    return interpret(request, RawCommand.encode(runner.runIn(netns, List.of("cat", FILE), Duration.ofSeconds(5))), context);
  }

  /** Raw output: the recorded result of `cat /proc/net/stat/nf_conntrack` in the namespace. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    CommandResult r = RawCommand.decode(raw);
    List<String> notes = new ArrayList<>();
    ConntrackStat stat;
    if (r.ok()) {
      stat = ConntrackStatParser.parse(netns, r.stdout());
    } else {
      stat = new ConntrackStat(netns, 0, 0, 0, 0, 0);
      notes.add(FILE + " could not be read (" + r.firstError() + "): conntrack is not active in this namespace");
    }
    return new ProbeOutcome("procfs", stat.describe(), List.of(stat), notes, raw);
  }
}
