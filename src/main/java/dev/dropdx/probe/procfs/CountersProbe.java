package dev.dropdx.probe.procfs;

import dev.dropdx.fact.DropWatchSummary;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The last resort when no backend can see drops (no drop reasons, no stap, no dropwatch): the IP and
 * UDP drop counters of the target's namespace (/proc/net/snmp), which say which stage lost packets
 * but not where in the code. The watch summary it gives says that no per-drop backend ran.
 */
@Component
public class CountersProbe implements Probe {
  /** Counters that count discarded packets (name as "Table.Counter"). */
  private static final Set<String> DROPS = Set.of("Ip.InHdrErrors", "Ip.InAddrErrors", "Ip.InUnknownProtos", "Ip.InDiscards",
      "Ip.OutDiscards", "Ip.OutNoRoutes", "Udp.NoPorts", "Udp.InErrors", "Udp.RcvbufErrors", "Udp.InCsumErrors", "Icmp.InErrors");

  private final CommandRunner runner;

  public CountersProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "counters";
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    return interpret(request, RawCommand.encode(runner.runIn(context.target().netns(), List.of("cat", "/proc/net/snmp"), Duration.ofSeconds(5))),
        context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    CommandResult r = RawCommand.decode(raw);
    Map<String, Long> nonZero = new LinkedHashMap<>();
    String[] lines = r.stdout().split("\n");
    for (int i = 0; i + 1 < lines.length; i += 2) {
      String[] names = lines[i].split("\\s+");
      String[] values = lines[i + 1].split("\\s+");
      if (names.length != values.length || !names[0].equals(values[0])) {
        continue;
      }
      String table = names[0].replace(":", "");
      for (int k = 1; k < names.length; k++) {
        String key = table + "." + names[k];
        if (DROPS.contains(key) && !values[k].equals("0")) {
          nonZero.put(key, Long.parseLong(values[k]));
        }
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add("no backend could watch kfree_skb on this kernel (no drop reasons, neither SystemTap nor dropwatch): install systemtap with "
        + "the kernel's debuginfo and headers (apt-get install systemtap linux-image-$(uname -r)-dbg linux-headers-$(uname -r)) or dropwatch");
    String summary = nonZero.isEmpty() ? "no drop counter of /proc/net/snmp is above 0"
        : "drop counters since boot: " + String.join(", ", nonZero.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    return new ProbeOutcome("procfs", summary, List.of(new DropWatchSummary("counters only", 0, false, 0, 0, 0)), notes, raw);
  }
}
