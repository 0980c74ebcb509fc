package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A router namespace (forwarding on) receives pings for a destination it has no route to: the
 * kernel drops them in ip_error with reason IP_INNOROUTES and counts IpExtInNoRoutes.
 */
@Component
public class NoRouteInputScenario implements LabScenario {
  static final String SENDER = "198.18.20.1";
  static final String ROUTER = "198.18.20.2";
  static final String UNROUTED = "198.18.99.1";

  @Override
  public String name() {
    return "no-route-input";
  }

  @Override
  public String description() {
    return "a router with ip_forward=1 receives pings for " + UNROUTED + " and has no route to it";
  }

  @Override
  public String expectedCause() {
    return "no-route-input";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "rin", SENDER, ROUTER);
    net.sysctl(pair.receiverNs(), "net.ipv4.ip_forward", "1");
    net.ip("-n", pair.senderNs(), "route", "add", "198.18.99.0/24", "via", ROUTER);
    net.startTraffic(pair.senderNs(), List.of("ping", "-q", "-i", "0.2", UNROUTED));
    return new Target(SENDER, UNROUTED, 1, null, null, pair.receiverNs());
  }
}
