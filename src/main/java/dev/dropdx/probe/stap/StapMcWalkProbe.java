package dev.dropdx.probe.stap;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.MulticastGroups;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The multicast groups each interface has joined, read by walking in_device->mc_list from inside
 * ip_check_mc_rcu (stap/mc_membership.stp), as the article does. Parameters: {@code iface},
 * {@code netns}. Gives the same {@link MulticastGroups} facts as /proc/net/igmp.
 */
@Component
public class StapMcWalkProbe implements Probe {
  private final CommandRunner runner;
  private final StapScripts scripts;

  public StapMcWalkProbe(CommandRunner runner, StapScripts scripts) {
    this.runner = runner;
    this.scripts = scripts;
  }

  @Override
  public String id() {
    return "stap-mc-walk";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the multicast groups each interface has joined, walked from in_device->mc_list",
        List.of(ProbeInfo.param("iface", "interface", "veth0"), ProbeInfo.netns()),
        List.of("MulticastGroups"),
        List.of("stap (stap/mc_membership.stp)"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return StapScripts.availability(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String iface = request.param("iface");
    List<String> args = List.of(iface == null ? "*" : StapScripts.require(StapScripts.IFACE, iface, "interface name"),
        Integer.toString(context.windowSeconds()));
    return interpret(request, StapProbeSupport.run(runner, scripts, "mc_membership.stp", args, context), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    List<String> notes = StapProbeSupport.notes(null);
    if (context.target() != null && context.target().ipv6()) {
      notes.add("the mc_list walk reads the IPv4 groups (struct ip_mc_list) only: an IPv6 group's membership is in /proc/net/igmp6 "
          + "(the igmp6 probe)");
    }
    CommandResult r = StapProbeSupport.decode(raw, notes);
    String netns = request.params().getOrDefault("netns", "");
    List<MulticastGroups> groups = new ArrayList<>(StapOutputParser.membership(StapOutputParser.records(r.stdout()), netns));
    String iface = request.param("iface");
    if (iface != null && groups.stream().noneMatch(g -> g.iface().equals(iface))) {
      notes.add("no multicast packet reached ip_check_mc_rcu on " + iface + " during the window, so its list was not walked");
    }
    String summary = groups.isEmpty() ? "no list was walked"
        : String.join("; ", groups.stream().map(g -> g.iface() + ": " + (g.groups().isEmpty() ? "no group" : String.join(", ", g.groups()))).toList())
            + " (in_device mc_list)";
    return new ProbeOutcome("stap", summary, new ArrayList<>(groups), notes, raw);
  }
}
