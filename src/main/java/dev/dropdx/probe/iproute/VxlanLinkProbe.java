package dev.dropdx.probe.iproute;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.VxlanLink;
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
 * Reads a device's kind and VXLAN settings (vni, remote, local, dstport, underlay device) with
 * `ip -d -o link show dev IFACE`: the information vxlan_xmit_one takes before it looks up the
 * route to the remote VTEP. Parameters: {@code netns}, {@code iface}. Always answers with one
 * {@link VxlanLink}, also for a device that is not vxlan or does not exist.
 */
@Component
public class VxlanLinkProbe implements Probe {
  private final CommandRunner runner;

  public VxlanLinkProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "vxlan-link";
  }

  @Override
  public Availability availability(HostFacts host) {
    return host.hasTool("ip") ? Availability.yes() : Availability.no("iproute2 is not installed: apt-get install iproute2");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    List<String> cmd = IpCommand.in(request.params().getOrDefault("netns", ""), "-d", "-o", "link", "show", "dev", request.param("iface"));
    return interpret(request, RawCommand.encode(runner.run(cmd, Duration.ofSeconds(5))), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String iface = request.param("iface");
    CommandResult r = RawCommand.decode(raw);
    VxlanLink link = VxlanLinkParser.parse(request.params().getOrDefault("netns", ""), iface, r.ok(), r.stdout());
    List<String> notes = r.ok() ? List.of() : List.of("ip link show " + iface + " failed: " + r.firstError());
    return new ProbeOutcome("iproute2", link.describe(), List.of(link), notes, raw);
  }
}
