package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Loose rp_filter (2) on the receiving interface and no route back to the sender's source at all
 * (no default route, no route to 198.18.72.0). Measured on 6.18: kfree_skb at
 * ip_rcv_finish_core+0x25b with IP_RPFILTER, TcpExtIPReversePathFilter +1 per packet, and
 * `ip route get DST from SRC iif rpl-rx0` answers "Invalid argument".
 */
@Component
public class RpFilterLooseScenario implements LabScenario {
  static final String SOURCE = "198.18.72.1";
  static final String RECEIVER = "198.18.70.2";

  @Override
  public String name() {
    return "rp-filter-loose";
  }

  @Override
  public String description() {
    return "rp_filter=2 (loose) on the receiving interface; the receiver has no route back to " + SOURCE + " at all";
  }

  @Override
  public String expectedCause() {
    return "rp-filter";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "rpl", "198.18.70.1", RECEIVER);
    net.ip("-n", pair.senderNs(), "addr", "add", SOURCE + "/32", "dev", pair.senderIf());
    net.sysctl(pair.receiverNs(), "net.ipv4.conf.all.rp_filter", "0");
    net.sysctl(pair.receiverNs(), "net.ipv4.conf." + pair.receiverIf() + ".rp_filter", "2");
    // The receiver would refuse the sender's ARP request from SOURCE the same way, so pin the neighbour.
    pair.pinNeighbour(net, RECEIVER);
    net.startTraffic(pair.senderNs(), List.of("ping", "-q", "-i", "0.2", "-I", SOURCE, RECEIVER));
    return new Target(SOURCE, null, 1, null, null, pair.receiverNs());
  }
}
