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
        "names", DROP_COUNTERS, "seconds", "1");
  }
}
