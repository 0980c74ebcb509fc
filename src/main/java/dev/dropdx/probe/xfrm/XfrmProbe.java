package dev.dropdx.probe.xfrm;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.Counter;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.XfrmPolicy;
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
 * Reads the IPsec policies of a namespace (`ip xfrm policy show`) and its xfrm error counters
 * (/proc/net/xfrm_stat, read twice {@code seconds} apart, default 1, so a rule sees which one still
 * rises: XfrmInPolBlock for a block policy, XfrmInTmplMismatch or XfrmInNoStates for a policy whose
 * transform never arrived). Parameters: {@code netns}, {@code seconds}. Answers one
 * {@link XfrmPolicy} per policy and one {@link Counter} per xfrm_stat line.
 */
@Component
public class XfrmProbe implements Probe {
  static final String STAT = "xfrm_stat";
  static final String STAT_AFTER = "xfrm_stat after";
  /** The interval between the readings; recordings made before it was written used the request's. */
  static final String INTERVAL = "interval";
  private static final List<String> CAT_STAT = List.of("cat", "/proc/net/xfrm_stat");
  private final CommandRunner runner;

  public XfrmProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "xfrm";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the IPsec policies of a namespace and which xfrm error counters still rise",
        List.of(ProbeInfo.netns(), ProbeInfo.param("seconds", "interval between the two counter readings (default 1)", "1")),
        List.of("XfrmPolicy", "Counter"),
        List.of("ip xfrm policy show", "/proc/net/xfrm_stat"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.iproute2(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    double seconds = seconds(request.params());
    CommandResult policies = runner.runIn(netns, List.of("ip", "xfrm", "policy", "show"), Duration.ofSeconds(5));
    List<CommandResult> stat = runner.runTwiceIn(netns, CAT_STAT, seconds, Duration.ofSeconds(5));
    CommandResult first = stat.get(0);
    CommandResult second = stat.get(1);
    // The line break ends the recorded policy command, so the marker starts a line.
    String raw = RecordedSections.writer().text(RawCommand.encode(policies) + "\n")
        .section(STAT, RawCommand.encode(first) + "\n").section(STAT_AFTER, RawCommand.encode(second))
        .section(INTERVAL, seconds + "\n").toString();
    return interpret(request, raw, context);
  }

  /** Raw output: the policy listing, then the two xfrm_stat readings and their interval as sections. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    RecordedSections recorded = RecordedSections.read(raw, STAT, STAT_AFTER, INTERVAL);
    double seconds = recorded.has(INTERVAL) ? Double.parseDouble(recorded.section(INTERVAL).strip()) : seconds(request.params());
    List<Object> facts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    CommandResult policies = RawCommand.decode(strip(recorded.head()));
    List<XfrmPolicy> found = List.of();
    if (policies.ok()) {
      found = XfrmPolicyParser.parse(netns, policies.stdout());
      facts.addAll(found);
    } else {
      notes.add("ip xfrm policy show failed: " + policies.firstError());
    }
    CommandResult first = recorded.has(STAT) ? RawCommand.decode(strip(recorded.section(STAT))) : null;
    CommandResult second = recorded.has(STAT_AFTER) ? RawCommand.decode(recorded.section(STAT_AFTER)) : first;
    String stats = "";
    if (first != null && first.ok()) {
      Map<String, Long> before = XfrmStatParser.parse(first.stdout());
      Map<String, Long> after = second != null && second.ok() ? XfrmStatParser.parse(second.stdout()) : before;
      List<String> moving = new ArrayList<>();
      for (Map.Entry<String, Long> e : after.entrySet()) {
        Counter c = new Counter(netns, e.getKey(), e.getValue(), e.getValue() - before.getOrDefault(e.getKey(), e.getValue()), seconds);
        facts.add(c);
        if (c.value() > 0) {
          moving.add(c.describe());
        }
      }
      stats = moving.isEmpty() ? "; every xfrm_stat counter is 0" : "; " + String.join("; ", moving);
    } else {
      notes.add("/proc/net/xfrm_stat could not be read" + (first == null ? "" : ": " + first.firstError())
          + " (kernel without CONFIG_XFRM_STATISTICS?)");
    }
    String summary = found.size() + " xfrm polic" + (found.size() == 1 ? "y" : "ies")
        + found.stream().map(XfrmPolicy::describe).map(d -> ": " + d).reduce((a, b) -> a + ";" + b.substring(1)).orElse("") + stats;
    return new ProbeOutcome("iproute2", summary, facts, notes, raw);
  }

  /**
   * A recording of the same namespace answers at its interval or a longer one (bundles recorded
   * when the rule asked 1 s replay under a rule that asks 0.5 s), and says the interval it was read at.
   */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    var recordedSeconds = Probe.seconds(recordedParams);
    var wantedSeconds = Probe.seconds(wanted.params());
    if (!Probe.same(recordedParams, wanted, "netns") || recordedSeconds.isEmpty() || wantedSeconds.isEmpty()
        || recordedSeconds.getAsDouble() < wantedSeconds.getAsDouble()) {
      return Optional.empty();
    }
    boolean saysInterval = recordedSeconds.getAsDouble() == wantedSeconds.getAsDouble()
        || RecordedSections.read(recordedRaw, STAT, STAT_AFTER, INTERVAL).has(INTERVAL);
    return Optional.of(saysInterval ? recordedRaw
        : RecordedSections.writer().text(recordedRaw).section(INTERVAL, recordedSeconds.getAsDouble() + "\n").toString());
  }

  private static String strip(String recorded) {
    return recorded.endsWith("\n") ? recorded.substring(0, recorded.length() - 1) : recorded;
  }

  private static double seconds(Map<String, String> params) {
    return Double.parseDouble(params.getOrDefault("seconds", "1"));
  }
}
