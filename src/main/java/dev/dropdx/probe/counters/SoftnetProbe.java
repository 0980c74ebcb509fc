package dev.dropdx.probe.counters;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SoftnetCpu;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads the per-CPU receive backlog counters (/proc/net/softnet_stat, the same in every network
 * namespace) twice a few seconds apart, one {@link SoftnetCpu} fact per CPU. Parameter:
 * {@code seconds} (interval, default 1, 0 reads once).
 */
@Component
public class SoftnetProbe implements Probe {
  private static final Path SOFTNET = Path.of("/proc/net/softnet_stat");
  private static final int MAX_SECONDS = 5;

  @Override
  public String id() {
    return "softnet";
  }

  @Override
  public Availability availability(HostFacts host) {
    return Files.isReadable(SOFTNET) ? Availability.yes() : Availability.no("/proc/net/softnet_stat is not readable on this host");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    int seconds = Math.max(0, Math.min(MAX_SECONDS, parseInt(request.params().getOrDefault("seconds", "1"))));
    List<String> notes = new ArrayList<>();
    String first;
    try {
      first = Files.readString(SOFTNET);
    } catch (IOException e) {
      return new ProbeOutcome("procfs", "softnet_stat could not be read", List.of(), List.of(SOFTNET + ": " + e.getMessage()), "");
    }
    String raw = first;
    List<SoftnetStatParser.Row> before = SoftnetStatParser.parse(first);
    List<SoftnetStatParser.Row> after = before;
    if (seconds > 0) {
      context.progress().accept("reading /proc/net/softnet_stat again in " + seconds + " s");
      try {
        Thread.sleep(seconds * 1000L);
        String second = Files.readString(SOFTNET);
        after = SoftnetStatParser.parse(second);
        raw = raw + "--- " + seconds + " s later ---\n" + second;
      } catch (IOException e) {
        seconds = 0;
        notes.add("the second read failed (" + e.getMessage() + "): values are from one read");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        seconds = 0;
      }
    }
    Map<Integer, SoftnetStatParser.Row> old = before.stream().collect(Collectors.toMap(SoftnetStatParser.Row::cpu, Function.identity(), (a, b) -> a));
    List<Object> facts = new ArrayList<>();
    for (SoftnetStatParser.Row r : after) {
      SoftnetStatParser.Row o = old.get(r.cpu());
      long increase = seconds > 0 && o != null ? r.dropped() - o.dropped() : -1;
      facts.add(new SoftnetCpu(r.cpu(), r.processed(), r.dropped(), r.timeSqueeze(), increase, increase >= 0 ? seconds : 0));
    }
    long dropping = facts.stream().filter(f -> ((SoftnetCpu) f).dropping()).count();
    String summary = facts.size() + " CPU(s), " + dropping + " with backlog drops"
        + facts.stream().filter(f -> ((SoftnetCpu) f).dropping()).map(f -> "; " + ((SoftnetCpu) f).describe()).collect(Collectors.joining());
    return new ProbeOutcome("procfs", summary, facts, notes, raw);
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
