package dev.dropdx.probe.softnet;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SoftnetCpu;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
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
 * namespace) twice a fraction of a second or a few seconds apart, one {@link SoftnetCpu} fact per
 * CPU. Parameter: {@code seconds} (interval, default 1, may be fractional such as 0.5; 0 reads once).
 */
@Component
public class SoftnetProbe implements Probe {
  private static final Path SOFTNET = Path.of("/proc/net/softnet_stat");
  private static final double MAX_SECONDS = 5;
  private static final String AFTER = "second reading";
  /** The interval the readings were taken at, when a longer recording answers a shorter request. */
  private static final String INTERVAL = "interval";
  private static final String ERROR = "--- error: ";

  @Override
  public String id() {
    return "softnet";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the per-CPU receive backlog counters, read twice",
        List.of(ProbeInfo.param("seconds", "interval between the readings (default 1, 0 reads once)", "0.5")),
        List.of("SoftnetCpu"),
        List.of("/proc/net/softnet_stat"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Files.isReadable(SOFTNET) ? Availability.yes() : Availability.no("/proc/net/softnet_stat is not readable on this host");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    double seconds = seconds(request.params());
    StringBuilder raw = new StringBuilder();
    try {
      raw.append(Files.readString(SOFTNET));
      if (seconds > 0) {
        context.progress().accept("reading /proc/net/softnet_stat again in " + seconds + " s");
        Thread.sleep(Math.round(seconds * 1000));
        raw = new StringBuilder(RecordedSections.writer().text(raw.toString()).section(AFTER, Files.readString(SOFTNET)).toString());
      }
    } catch (IOException e) {
      raw.append(ERROR).append(e.getMessage()).append('\n');
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return interpret(request, raw.toString(), context);
  }

  /** Raw output: the first reading and, when sampled, a separator line and the second reading. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    double requested = seconds(request.params());
    List<String> notes = new ArrayList<>();
    int err = raw.indexOf(ERROR);
    String text = err < 0 ? raw : raw.substring(0, err);
    if (err >= 0) {
      notes.add(SOFTNET + " could not be read: " + raw.substring(err + ERROR.length()).strip());
    }
    RecordedSections readings = RecordedSections.read(text, AFTER, INTERVAL);
    boolean twice = readings.has(AFTER);
    if (readings.has(INTERVAL)) {
      requested = parse(readings.section(INTERVAL).strip());
    }
    List<SoftnetStatParser.Row> before = SoftnetStatParser.parse(readings.head());
    List<SoftnetStatParser.Row> after = twice ? SoftnetStatParser.parse(readings.section(AFTER)) : before;
    double seconds = twice ? requested : 0;
    if (!twice && requested > 0 && !before.isEmpty()) {
      notes.add("softnet_stat was read once: the dropped counts are totals since boot");
    }
    Map<Integer, SoftnetStatParser.Row> old = before.stream().collect(Collectors.toMap(SoftnetStatParser.Row::cpu, Function.identity(), (x, y) -> x));
    List<Object> facts = new ArrayList<>();
    for (SoftnetStatParser.Row r : after) {
      SoftnetStatParser.Row o = old.get(r.cpu());
      long increase = seconds > 0 && o != null ? r.dropped() - o.dropped() : -1;
      facts.add(new SoftnetCpu(r.cpu(), r.processed(), r.dropped(), r.timeSqueeze(), increase, increase >= 0 ? seconds : 0));
    }
    List<SoftnetCpu> dropping = facts.stream().map(f -> (SoftnetCpu) f).filter(SoftnetCpu::dropping).toList();
    String summary = facts.size() + " CPU(s), " + dropping.size() + " with backlog drops"
        + dropping.stream().map(c -> "; " + c.describe()).collect(Collectors.joining());
    return new ProbeOutcome("procfs", summary, facts, notes, raw);
  }

  /**
   * A recording answers a request for the same interval, or for a shorter one when it read twice: drops
   * seen to grow over 1 s answer whether they grow, asked over 0.5 s (bundles recorded before the rule
   * asked 0.5 s replay so). The answer says the interval it was read at, so the facts keep it.
   */
  @Override
  public java.util.Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    double had = seconds(recordedParams);
    double want = seconds(wanted.params());
    if (had == want) {
      return java.util.Optional.of(recordedRaw);
    }
    RecordedSections readings = RecordedSections.read(recordedRaw, AFTER, INTERVAL);
    if (want <= 0 || had < want || !readings.has(AFTER)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(readings.has(INTERVAL) ? recordedRaw
        : RecordedSections.writer().text(recordedRaw).section(INTERVAL, had + "\n").toString());
  }

  /** The interval asked for: 0 to 5 s, 1 when absent or not a number. */
  private static double seconds(Map<String, String> params) {
    return parse(params.getOrDefault("seconds", "1"));
  }

  private static double parse(String s) {
    try {
      double d = Double.parseDouble(s.trim());
      return Double.isFinite(d) ? Math.max(0, Math.min(MAX_SECONDS, d)) : 1;
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
