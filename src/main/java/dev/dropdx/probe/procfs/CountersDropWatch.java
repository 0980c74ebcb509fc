package dev.dropdx.probe.procfs;

import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.DropWatchBackend;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The drop watch's stand-in where tracefs is readable but no backend can watch it (no drop reasons,
 * neither SystemTap nor dropwatch): the counters that count discarded packets, which still say
 * which stage loses them. It sees no kfree_skb event, so its summary says the drops were not watched.
 */
@Component
public class CountersDropWatch implements DropWatchBackend {
  /** The IP and UDP counters that count discarded packets (nstat names). */
  static final String DROP_COUNTERS = "IpInReceives IpInHdrErrors IpInAddrErrors IpInUnknownProtos IpInDiscards IpOutNoRoutes "
      + "IpExtInNoRoutes UdpNoPorts UdpInErrors UdpRcvbufErrors";
  /** Their IPv6 twins in /proc/net/snmp6 (IPv6 keeps its input no-route count as Ip6InNoRoutes). */
  static final String IPV6_DROP_COUNTERS = "Ip6InReceives Ip6InHdrErrors Ip6InAddrErrors Ip6InUnknownProtos Ip6InDiscards "
      + "Ip6OutNoRoutes Ip6InNoRoutes Udp6NoPorts Udp6InErrors Udp6RcvbufErrors";

  private final CountersProbe counters;

  public CountersDropWatch(CountersProbe counters) {
    this.counters = counters;
  }

  @Override
  public String name() {
    return DropWatchSummary.COUNTERS_ONLY;
  }

  @Override
  public boolean watchesKfreeSkb() {
    return false;
  }

  @Override
  public Availability availability(HostFacts host) {
    if (host.tracefs() == null) {
      // Without a readable tracefs it is unknown whether a watch could run: the watches' own reasons say what to do.
      return Availability.no("counters stand in only where tracefs is readable and no backend can watch it");
    }
    return counters.availability(host);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    return interpret(request, counters.run(countersRequest(request, context), context).raw(), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    ProbeOutcome read = counters.interpret(countersRequest(request, context), raw, context);
    List<Object> facts = new ArrayList<>(read.facts());
    facts.add(DropWatchSummary.countersOnly());
    return new ProbeOutcome(name(), "counters only: " + read.summary(), facts, read.notes(), raw);
  }

  private static ProbeRequest countersRequest(ProbeRequest request, ProbeContext context) {
    return ProbeRequest.of("counters", request.priority(), request.askedBy(), request.why(), "netns", context.target().netns(),
        "names", names(context.target()), "seconds", "1");
  }

  /**
   * The discard counters of the target's family: IPv6's for an IPv6 target, else IPv4's (a target
   * with no family reads IPv4's, as it always did: the watch of one namespace stays IPv4 there).
   */
  static String names(dev.dropdx.fact.Target target) {
    return target.ipv6() ? IPV6_DROP_COUNTERS : DROP_COUNTERS;
  }
}
