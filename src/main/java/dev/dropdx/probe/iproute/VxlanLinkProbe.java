package dev.dropdx.probe.iproute;

import dev.dropdx.probe.ProbeInfo;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads a device's kind and VXLAN settings (vni, remote, local, dstport, underlay device) with
 * `ip -d -o link show dev IFACE`: the information vxlan_xmit_one takes before it looks up the
 * route to the remote VTEP. Parameters: {@code netns}, {@code iface}. Always answers with one
 * {@link VxlanLink}, also for a device that is not vxlan or does not exist. Without {@code iface}
 * (as `collect` records it) it reads every link of the namespace and answers with one fact per link.
 */
@Component
public class VxlanLinkProbe implements Probe {
  private static final Pattern LINK = Pattern.compile("^\\d+:\\s+([^:@\\s]+)(?:@\\S+)?:");
  private final CommandRunner runner;

  public VxlanLinkProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "vxlan-link";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("a device's kind and VXLAN settings (vni, remote, local, dstport, underlay)",
        List.of(ProbeInfo.netns(), ProbeInfo.param("iface", "device (without it: every link of the namespace)", "vxlan0")),
        List.of("VxlanLink"),
        List.of("ip -d -o link show"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.iproute2(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    List<String> cmd = request.param("iface") == null ? IpCommand.in(netns, "-d", "-o", "link", "show")
        : IpCommand.in(netns, "-d", "-o", "link", "show", "dev", request.param("iface"));
    return interpret(request, RawCommand.encode(runner.run(cmd, Duration.ofSeconds(5))), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String iface = request.param("iface");
    CommandResult r = RawCommand.decode(raw);
    if (iface == null) {
      return allLinks(request.params().getOrDefault("netns", ""), r, raw);
    }
    VxlanLink link = VxlanLinkParser.parse(request.params().getOrDefault("netns", ""), iface, r.ok(), r.stdout());
    List<String> notes = r.ok() ? List.of() : List.of("ip link show " + iface + " failed: " + r.firstError());
    return new ProbeOutcome("iproute2", link.describe(), List.of(link), notes, raw);
  }

  /** A dump of every link answers for one device: its line, or "does not exist" as `ip` says when it is absent. */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    if (recordedParams.containsKey("iface") || wanted.param("iface") == null || !Probe.same(recordedParams, wanted, "netns")) {
      return Probe.super.answerFrom(recordedParams, recordedRaw, wanted);
    }
    CommandResult all = RawCommand.decode(recordedRaw);
    if (!all.ok()) {
      return Optional.empty();
    }
    String iface = wanted.param("iface");
    Optional<String> line = all.stdout().lines().filter(l -> iface.equals(linkName(l))).findFirst();
    List<String> cmd = List.of("ip", "-d", "-o", "link", "show", "dev", iface);
    return Optional.of(RawCommand.encode(line.map(l -> new CommandResult(cmd, 0, l + "\n", "", false))
        .orElse(new CommandResult(cmd, 1, "", "Device \"" + iface + "\" does not exist.", false))));
  }

  private static ProbeOutcome allLinks(String netns, CommandResult r, String raw) {
    if (!r.ok()) {
      return new ProbeOutcome("iproute2", "ip link show failed: " + r.firstError(), List.of(),
          List.of("ip link show failed: " + r.firstError()), raw);
    }
    List<VxlanLink> links = r.stdout().lines().filter(l -> linkName(l) != null)
        .map(l -> VxlanLinkParser.parse(netns, linkName(l), true, l)).toList();
    String vxlan = links.stream().filter(l -> l.kind().equals("vxlan")).map(VxlanLink::describe).reduce((a, b) -> a + "; " + b)
        .orElse("no vxlan link");
    return new ProbeOutcome("iproute2", links.size() + " link(s); " + vxlan, new ArrayList<>(links), List.of(), raw);
  }

  /** The device name of an `ip -o link` line ("7: vx0@eth0: <...>" is vx0), or null. */
  static String linkName(String line) {
    Matcher m = LINK.matcher(line);
    return m.find() ? m.group(1) : null;
  }
}
