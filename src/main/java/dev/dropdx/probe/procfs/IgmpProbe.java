package dev.dropdx.probe.procfs;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.MulticastGroups;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The IPv4 multicast groups joined per interface, from /proc/net/igmp read inside the namespace
 * (the file shows the reader's namespace only). Parameters: {@code netns}, optional {@code iface}:
 * when that interface is not listed, a {@link MulticastGroups} with no groups says so, so rules
 * never wait for an answer that cannot come.
 */
@Component
public class IgmpProbe implements Probe {
  private final CommandRunner runner;

  public IgmpProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "igmp";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the IPv4 multicast groups joined per interface",
        List.of(ProbeInfo.netns(), ProbeInfo.param("iface", "optional: an interface; when unlisted a fact with no groups says so", "veth0")),
        List.of("MulticastGroups"),
        List.of("/proc/net/igmp"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    return interpret(request, RawCommand.encode(runner.runIn(netns, List.of("cat", "/proc/net/igmp"), Duration.ofSeconds(5))), context);
  }

  /** Replays recorded output; the group column is read in this JVM's byte order (x86 hosts: little-endian). */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    return MembershipListing.outcome("/proc/net/igmp", RawCommand.decode(raw), raw, request.param("iface"),
        out -> IgmpParser.parse(netns, out, ByteOrder.nativeOrder()), MulticastGroups::iface, iface -> new MulticastGroups(netns, iface, -1, List.of(), false));
  }

  /** /proc/net/igmp lists every interface of the namespace, so any interface is answered. */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    return Probe.same(recordedParams, wanted, "netns") ? Optional.of(recordedRaw) : Optional.empty();
  }
}
