package dev.dropdx.probe.iproute;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.LinkInfo;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads one device with `ip -d -s -s link show dev IFACE`: MTU, state, MAC, master, an attached
 * XDP program, a bridge port's STP state and the drop counters only the device keeps (RX/TX
 * dropped, otherhost). Parameters: {@code netns}, {@code iface}. Always answers with one
 * {@link LinkInfo}, also for a device that does not exist.
 */
@Component
public class LinkProbe implements Probe {
  private final CommandRunner runner;

  public LinkProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "link";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("one device's MTU, state, MAC, master, XDP program, bridge port state and drop counters",
        List.of(ProbeInfo.netns(), ProbeInfo.param("iface", "device", "veth0")),
        List.of("LinkInfo"),
        List.of("ip -d -s -s link show dev"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.iproute2(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    List<String> cmd = IpCommand.in(netns, "-d", "-s", "-s", "link", "show", "dev", request.params().getOrDefault("iface", ""));
    return interpret(request, RawCommand.encode(runner.run(cmd, Duration.ofSeconds(5))), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    CommandResult r = RawCommand.decode(raw);
    LinkInfo link = LinkInfoParser.parse(request.params().getOrDefault("netns", ""), request.params().getOrDefault("iface", ""),
        r.ok(), r.stdout());
    List<String> notes = r.ok() ? List.of() : List.of("ip link show " + link.iface() + " failed: " + r.firstError());
    return new ProbeOutcome("iproute2", link.describe(), List.of(link), notes, raw);
  }
}
