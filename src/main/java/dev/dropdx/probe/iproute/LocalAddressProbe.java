package dev.dropdx.probe.iproute;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.LocalAddress;
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
  public ProbeInfo info() {
    return new ProbeInfo("the IPv4 addresses a namespace owns, per interface",
        List.of(ProbeInfo.netns()),
        List.of("LocalAddress"),
        List.of("ip -o -4 addr show"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.iproute2(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    List<String> cmd = IpCommand.in(request.params().getOrDefault("netns", ""), "-o", "-4", "addr", "show");
    return interpret(request, RawCommand.encode(runner.run(cmd, Duration.ofSeconds(5))), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    CommandResult r = RawCommand.decode(raw);
    List<LocalAddress> addrs = r.ok() ? LocalAddressParser.parse(request.params().getOrDefault("netns", ""), r.stdout()) : List.of();
    List<String> notes = r.ok() ? List.of() : List.of("ip addr show failed: " + r.firstError());
    String summary = addrs.isEmpty() ? "no IPv4 address found"
        : addrs.stream().map(a -> a.address() + " on " + a.iface()).reduce((a, b) -> a + ", " + b).orElse("");
    return new ProbeOutcome("iproute2", summary, new ArrayList<>(addrs), notes, raw);
  }
}
