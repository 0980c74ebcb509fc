package dev.dropdx.probe.procfs;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.Counter;
import dev.dropdx.fact.HostFacts;
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
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads the SNMP and netstat counters of a namespace (/proc/net/snmp, /proc/net/netstat, and
 * /proc/net/snmp6 when an IPv6 counter is asked for) twice,
 * one interval apart, so rules see both the value and whether it still rises. Parameters:
 * {@code netns}, {@code names} (space-separated nstat names such as UdpNoPorts; empty = all),
 * {@code seconds} between the readings (default 1).
 */
@Component
public class CountersProbe implements Probe {
  private static final String AFTER = "second reading";
  /** The interval the readings were taken at; recordings made before it was written used the request's. */
  private static final String INTERVAL = "interval";
  private static final List<String> FILES = List.of("cat", "/proc/net/snmp", "/proc/net/netstat");
  /** IPv6's counters (Ip6*, Icmp6*, Udp6*), read only when asked for: the file is absent where IPv6 is off at boot. */
  private static final List<String> FILES_WITH_IPV6 = List.of("cat", "/proc/net/snmp", "/proc/net/netstat", "/proc/net/snmp6");

  private final CommandRunner runner;

  public CountersProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "counters";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("SNMP and netstat counters of a namespace, read twice: value and whether it still rises",
        List.of(ProbeInfo.netns(), ProbeInfo.param("names", "space-separated nstat names (empty = all)", "UdpNoPorts UdpRcvbufErrors"), ProbeInfo.param("seconds", "interval between the readings (default 1)", "1")),
        List.of("Counter"),
        List.of("/proc/net/snmp", "/proc/net/netstat", "/proc/net/snmp6"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return host.hasTool("ip") ? Availability.yes() : Availability.no("entering a namespace needs iproute2: apt-get install iproute2");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    double seconds = seconds(request.params());
    List<String> files = names(request.params()).stream().anyMatch(SnmpCountersParser::ipv6) ? FILES_WITH_IPV6 : FILES;
    List<CommandResult> readings = runner.runTwiceIn(netns, files, seconds, Duration.ofSeconds(5));
    CommandResult first = readings.get(0);
    CommandResult second = readings.get(1);
    // The line break ends the first recorded command, so the marker starts a line.
    return interpret(request, RecordedSections.writer().text(RawCommand.encode(first) + "\n").section(AFTER, RawCommand.encode(second))
        .section(INTERVAL, seconds + "\n").toString(), context);
  }

  /**
   * Raw output: the first reading, a separator line, the second reading (each a recorded command),
   * then the interval between them in seconds (absent in older recordings: then the request's).
   */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    List<String> names = names(request.params());
    RecordedSections readings = RecordedSections.read(raw, AFTER, INTERVAL);
    double seconds = readings.has(INTERVAL) ? Double.parseDouble(readings.section(INTERVAL).strip()) : seconds(request.params());
    String head = readings.head();
    CommandResult first = RawCommand.decode(readings.has(AFTER) && head.endsWith("\n") ? head.substring(0, head.length() - 1) : head);
    CommandResult second = readings.has(AFTER) ? RawCommand.decode(readings.section(AFTER)) : first;
    if (!first.ok()) {
      return new ProbeOutcome("procfs", "counters could not be read: " + first.firstError(), List.of(),
          List.of("counters could not be read: " + first.firstError()), raw);
    }
    Map<String, Long> before = SnmpCountersParser.parse(first.stdout());
    Map<String, Long> after = second.ok() ? SnmpCountersParser.parse(second.stdout()) : before;
    List<Object> facts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String name : names.isEmpty() ? List.copyOf(after.keySet()) : names) {
      Long value = after.get(name);
      if (value == null) {
        notes.add("counter " + name + " does not exist on this kernel");
        continue;
      }
      facts.add(new Counter(netns, name, value, value - before.getOrDefault(name, value), seconds));
    }
    String summary = names.isEmpty() ? facts.size() + " counters read"
        : facts.stream().map(f -> ((Counter) f).describe()).reduce((a, b) -> a + "; " + b).orElse("no such counter");
    return new ProbeOutcome("procfs", summary, facts, notes, raw);
  }

  /**
   * Both readings hold every counter, so a recording of the same namespace answers any names it
   * read (all of them when it asked for none), at its interval or a longer one: a counter seen to
   * rise over 1 s answers whether it rises, asked over 0.5 s (bundles recorded before the rules
   * asked 0.5 s replay so). The answer says the interval it was read at, so the facts keep it.
   */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    List<String> had = names(recordedParams);
    var recordedSeconds = Probe.seconds(recordedParams);
    var wantedSeconds = Probe.seconds(wanted.params());
    if (recordedSeconds.isEmpty() || wantedSeconds.isEmpty()) {
      return Optional.empty();
    }
    boolean fits = Probe.same(recordedParams, wanted, "netns")
        && recordedSeconds.getAsDouble() >= wantedSeconds.getAsDouble()
        // A recording of "all" holds /proc/net/snmp6 only if it asked for an IPv6 counter: else it cannot answer one.
        && (had.isEmpty() ? names(wanted.params()).stream().noneMatch(SnmpCountersParser::ipv6) : had.containsAll(names(wanted.params())));
    if (!fits) {
      return Optional.empty();
    }
    // Without its interval written, the answer would be read at the wanted (shorter) one.
    boolean saysInterval = recordedSeconds.getAsDouble() == wantedSeconds.getAsDouble()
        || RecordedSections.read(recordedRaw, AFTER, INTERVAL).has(INTERVAL);
    return Optional.of(saysInterval ? recordedRaw
        : RecordedSections.writer().text(recordedRaw).section(INTERVAL, recordedSeconds.getAsDouble() + "\n").toString());
  }

  private static double seconds(Map<String, String> params) {
    return Double.parseDouble(params.getOrDefault("seconds", "1"));
  }

  private static List<String> names(Map<String, String> params) {
    return List.of(params.getOrDefault("names", "").strip().split("\\s+")).stream().filter(n -> !n.isBlank()).toList();
  }
}
