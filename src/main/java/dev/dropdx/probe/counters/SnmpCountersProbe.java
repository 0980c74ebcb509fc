package dev.dropdx.probe.counters;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SnmpCounter;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads /proc/net/snmp and /proc/net/netstat inside a namespace, twice a few seconds apart, and
 * returns the asked-for counters with how much they grew. Parameters: {@code netns},
 * {@code counters} (space-separated nstat names, e.g. "IpInHdrErrors IpExtInCsumErrors"),
 * {@code seconds} (interval between the reads, default 1, 0 reads once).
 */
@Component
public class SnmpCountersProbe implements Probe {
  private static final int MAX_SECONDS = 5;
  private final CommandRunner runner;

  public SnmpCountersProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "snmp-counters";
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    List<String> names = List.of(request.params().getOrDefault("counters", "").trim().split("\\s+"));
    int seconds = Math.max(0, Math.min(MAX_SECONDS, parseInt(request.params().getOrDefault("seconds", "1"))));
    List<String> notes = new ArrayList<>();
    CommandResult first = read(netns);
    if (!first.ok()) {
      return new ProbeOutcome("procfs", "counters could not be read", List.of(),
          List.of("/proc/net/snmp could not be read in " + netns + ": " + first.firstError()), first.stderr());
    }
    Map<String, Long> before = SnmpCountersParser.parse(first.stdout());
    Map<String, Long> after = before;
    String raw = first.stdout();
    if (seconds > 0) {
      context.progress().accept("reading SNMP counters again in " + seconds + " s");
      try {
        Thread.sleep(seconds * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      CommandResult second = read(netns);
      if (second.ok()) {
        after = SnmpCountersParser.parse(second.stdout());
        raw = raw + "--- " + seconds + " s later ---\n" + second.stdout();
      } else {
        seconds = 0;
        notes.add("the second read failed (" + second.firstError() + "): values are from one read");
      }
    }
    List<Object> facts = new ArrayList<>();
    for (String name : names) {
      if (name.isBlank()) {
        continue;
      }
      Long value = after.get(name);
      if (value == null) {
        notes.add("counter " + name + " does not exist on this kernel");
        continue;
      }
      long increase = seconds > 0 && before.containsKey(name) ? value - before.get(name) : -1;
      facts.add(new SnmpCounter(netns, name, value, increase, increase >= 0 ? seconds : 0));
    }
    String summary = facts.stream().map(f -> ((SnmpCounter) f).describe()).reduce((a, b) -> a + "; " + b).orElse("nothing read");
    return new ProbeOutcome("procfs", summary, facts, notes, raw);
  }

  private CommandResult read(String netns) {
    return runner.runIn(netns, List.of("cat", "/proc/net/snmp", "/proc/net/netstat"), Duration.ofSeconds(5));
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
