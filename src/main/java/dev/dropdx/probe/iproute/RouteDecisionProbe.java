package dev.dropdx.probe.iproute;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.RouteDecision;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which rule and route entry decide a packet (`ip -4 rule show` and `ip -4 -o route show table
 * all`, walked by {@link RouteDecisionParser}): the route type a failing `ip route get` does not
 * name. Parameters: {@code netns}, {@code to}, and {@code from}, {@code iif} for a received packet.
 */
@Component
public class RouteDecisionProbe implements Probe {
  static final String RULES = "ip -4 rule show";
  static final String ROUTES = "ip -4 -o route show table all";

  private final CommandRunner runner;

  public RouteDecisionProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "route-decision";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("which policy rule and route entry decide a packet, with the route type",
        List.of(ProbeInfo.netns(), ProbeInfo.param("to", "destination address", "198.18.1.2"), ProbeInfo.param("from", "source address, for a received packet", "198.18.0.1"), ProbeInfo.param("iif", "arriving interface, for a received packet", "veth0")),
        List.of("RouteDecision"),
        List.of("ip -4 rule show", "ip -4 -o route show table all", "ip -6 rule show", "ip -6 -o route show table all"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.iproute2(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    // The destination's family: IPv6 has its own rules and tables.
    String family = request.params().getOrDefault("to", "").contains(":") ? "-6" : "-4";
    CommandResult rules = runner.run(IpCommand.in(netns, family, "rule", "show"), Duration.ofSeconds(5));
    CommandResult routes = runner.run(IpCommand.in(netns, family, "-o", "route", "show", "table", "all"), Duration.ofSeconds(5));
    String raw = RecordedSections.writer().section(RULES, RawCommand.encode(rules) + "\n").section(ROUTES, RawCommand.encode(routes)).toString();
    return interpret(request, raw, context);
  }

  /** Raw output: two sections, each one recorded command. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    RecordedSections s = RecordedSections.read(raw, RULES, ROUTES);
    CommandResult rules = RawCommand.decode(strip(s.section(RULES)));
    CommandResult routes = RawCommand.decode(s.section(ROUTES));
    if (!s.has(RULES) || !s.has(ROUTES) || !rules.ok() || !routes.ok()) {
      String why = !rules.ok() ? rules.firstError() : !routes.ok() ? routes.firstError() : "recording lacks its sections";
      return new ProbeOutcome("iproute2", "rules and routes could not be read: " + why, List.of(),
          List.of("rules and routes could not be read: " + why), raw);
    }
    String netns = request.params().getOrDefault("netns", "");
    RouteDecision d = RouteDecisionParser.decide(netns, request.param("from"), request.param("to"), request.param("iif"), rules.stdout(),
        routes.stdout());
    return new ProbeOutcome("iproute2", d.describe(), List.of(d), List.of(), raw);
  }

  /**
   * The rules and tables are the whole namespace's: a recording for any packet of the same
   * namespace and family (as `collect` makes) answers the decision for another, which is walked again.
   */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    boolean sameFamily = recordedParams.getOrDefault("to", "").contains(":") == wanted.params().getOrDefault("to", "").contains(":");
    return Probe.same(recordedParams, wanted, "netns") && sameFamily ? Optional.of(recordedRaw) : Optional.empty();
  }

  private static String strip(String section) {
    return section.endsWith("\n") ? section.substring(0, section.length() - 1) : section;
  }
}
