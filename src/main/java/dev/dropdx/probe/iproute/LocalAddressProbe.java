package dev.dropdx.probe.iproute;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.LocalAddress;
import dev.dropdx.fact.ProbeRequest;
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
 * Lists the IPv4 addresses a namespace owns (`ip -o -4 addr show`), one {@link LocalAddress}
 * each: which interface owns an address is what tells a martian "local source" from a stranger.
 * Parameters: {@code netns}.
 */
@Component
public class LocalAddressProbe implements Probe {
  private final CommandRunner runner;

  public LocalAddressProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "local-addresses";
  }

  @Override
  public Availability availability(HostFacts host) {
    return host.hasTool("ip") ? Availability.yes() : Availability.no("iproute2 is not installed: apt-get install iproute2");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    List<String> cmd = new ArrayList<>(List.of("ip"));
    if (!netns.isEmpty()) {
      cmd.addAll(List.of("-n", netns));
    }
    cmd.addAll(List.of("-o", "-4", "addr", "show"));
    CommandResult r = runner.run(cmd, Duration.ofSeconds(5));
    List<LocalAddress> addrs = r.ok() ? LocalAddressParser.parse(netns, r.stdout()) : List.of();
    List<String> notes = r.ok() ? List.of() : List.of("ip addr show failed: " + r.firstError());
    String summary = addrs.isEmpty() ? "no IPv4 address found"
        : addrs.stream().map(a -> a.address() + " on " + a.iface()).reduce((a, b) -> a + ", " + b).orElse("");
    return new ProbeOutcome("iproute2", summary, new ArrayList<>(addrs), notes, String.join(" ", cmd) + "\n" + r.stdout() + r.stderr());
  }
}
