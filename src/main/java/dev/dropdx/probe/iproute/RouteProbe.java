package dev.dropdx.probe.iproute;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.RouteLookup;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.RawCommand;
import dev.dropdx.probe.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Asks the kernel for a route with `ip route get`. Parameters: {@code netns}, {@code to}, and for
 * an input-route check (what a packet arriving on an interface meets) {@code from} and {@code iif}.
 */
@Component
public class RouteProbe implements Probe {
  private final CommandRunner runner;

  public RouteProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "route";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the route the kernel picks: output lookup, or input lookup for a packet arriving on an interface",
        List.of(ProbeInfo.netns(), ProbeInfo.param("to", "destination address", "198.18.1.2"), ProbeInfo.param("from", "source address (input lookup)", "198.18.0.1"), ProbeInfo.param("iif", "arriving interface (input lookup)", "veth0")),
        List.of("RouteLookup"),
        List.of("ip route get"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.iproute2(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    List<String> cmd = new ArrayList<>(IpCommand.in(request.params().getOrDefault("netns", ""), "-o", "route", "get", request.param("to")));
    if (isInput(request)) {
      cmd.addAll(List.of("from", request.param("from"), "iif", request.param("iif")));
    }
    return interpret(request, RawCommand.encode(runner.run(cmd, Duration.ofSeconds(5))), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    boolean input = isInput(request);
    RouteLookup lookup = RouteOutputParser.parse(netns, input ? "input" : "output", request.param("to"),
        input ? request.param("from") : null, input ? request.param("iif") : null, RawCommand.decode(raw));
    return new ProbeOutcome("iproute2", lookup.describe(), List.of(lookup), List.of(), raw);
  }

  private static boolean isInput(ProbeRequest request) {
    return request.param("from") != null && request.param("iif") != null;
  }
}
