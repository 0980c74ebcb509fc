package dev.dropdx.probe.procfs;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Ipv6MulticastGroups;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The IPv6 multicast groups joined per interface, from /proc/net/igmp6 read inside the namespace
 * (the file shows the reader's namespace only; `ip -6 maddr` shows the same lists). Parameters:
 * {@code netns}, optional {@code iface}: when that interface is not listed, an
 * {@link Ipv6MulticastGroups} with no groups says so, so rules never wait for an answer that
 * cannot come. A host booted with ipv6.disable=1 has no such file: the probe then says so.
 */
@Component
public class Igmp6Probe implements Probe {
  private final CommandRunner runner;

  public Igmp6Probe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "igmp6";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the IPv6 multicast groups joined per interface",
        List.of(ProbeInfo.netns(), ProbeInfo.param("iface", "optional: an interface; when unlisted a fact with no groups says so", "veth0")),
        List.of("Ipv6MulticastGroups"),
        List.of("/proc/net/igmp6"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    return interpret(request, RawCommand.encode(runner.runIn(netns, List.of("cat", "/proc/net/igmp6"), Duration.ofSeconds(5))), context);
  }

  /** Replays recorded output (the group column is in network order: any machine reads it the same). */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    return MembershipListing.outcome("/proc/net/igmp6", RawCommand.decode(raw), raw, request.param("iface"), out -> Igmp6Parser.parse(netns, out),
        Ipv6MulticastGroups::iface, iface -> new Ipv6MulticastGroups(netns, iface, -1, List.of(), false));
  }

  /** /proc/net/igmp6 lists every interface of the namespace, so any interface is answered. */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    return Probe.same(recordedParams, wanted, "netns") ? Optional.of(recordedRaw) : Optional.empty();
  }
}
