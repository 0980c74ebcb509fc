package dev.dropdx.probe.iproute;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.RouteLookup;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
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
  public Availability availability(HostFacts host) {
    return host.hasTool("ip") ? Availability.yes() : Availability.no("iproute2 is not installed: apt-get install iproute2");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    String to = request.param("to");
    String from = request.param("from");
    String iif = request.param("iif");
    List<String> cmd = new ArrayList<>(List.of("ip"));
    if (!netns.isEmpty()) {
      cmd.addAll(List.of("-n", netns));
    }
    cmd.addAll(List.of("-o", "route", "get", to));
    boolean input = from != null && iif != null;
    if (input) {
      cmd.addAll(List.of("from", from, "iif", iif));
    }
    CommandResult r = runner.run(cmd, Duration.ofSeconds(5));
    RouteLookup lookup = RouteOutputParser.parse(netns, input ? "input" : "output", to, input ? from : null, input ? iif : null, r);
    return new ProbeOutcome("iproute2", lookup.describe(), List.of(lookup), List.of(),
        String.join(" ", cmd) + "\n" + r.stdout() + r.stderr());
  }
}
