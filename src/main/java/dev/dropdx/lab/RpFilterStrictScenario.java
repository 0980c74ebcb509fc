package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Strict rp_filter on the receiving interface while the route back to the sender's source leaves
 * by another interface (an asymmetric path): the kernel drops at ip_rcv_finish_core, IP_RPFILTER.
 */
@Component
public class RpFilterStrictScenario implements LabScenario {
  static final String SOURCE = "198.18.2.1";
  static final String RECEIVER = "198.18.1.2";

  @Override
  public String name() {
    return "rp-filter";
  }

  @Override
  public String description() {
    return "rp_filter=1 (strict) on the receiving interface; the route back to " + SOURCE + " leaves by another interface";
  }

  @Override
  public String expectedCause() {
    return "rp-filter";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "rpf", "198.18.1.1", RECEIVER);
    net.ip("-n", pair.senderNs(), "addr", "add", SOURCE + "/32", "dev", pair.senderIf());
    // The other interface the route back uses: a veth pair kept inside the receiver (no dummy driver here).
    net.ip("-n", pair.receiverNs(), "link", "add", "rpf-alt0", "type", "veth", "peer", "name", "rpf-alt1");
    net.ip("-n", pair.receiverNs(), "link", "set", "rpf-alt0", "up");
    net.ip("-n", pair.receiverNs(), "link", "set", "rpf-alt1", "up");
    net.ip("-n", pair.receiverNs(), "route", "add", "198.18.2.0/24", "dev", "rpf-alt0");
    net.sysctl(pair.receiverNs(), "net.ipv4.conf." + pair.receiverIf() + ".rp_filter", "1");
    // Strict rp_filter also refuses the sender's ARP request, so pin the neighbour.
    pair.pinNeighbour(net, RECEIVER);
    net.startTraffic(pair.senderNs(), List.of("ping", "-q", "-i", "0.2", "-I", SOURCE, RECEIVER));
    return new Target(SOURCE, null, 1, null, null, pair.receiverNs());
  }
}
