package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * TCP connections that worked lose their route: the sender keeps writing and retransmitting, and
 * each attempt is dropped in __ip_queue_xmit with reason IP_OUTNOROUTES (IpOutNoRoutes grows).
 * The sender's namespace caps the retransmission timeout at 1 s (net.ipv4.tcp_rto_max_ms, per
 * namespace) and retries longer (tcp_retries2), so drops keep coming during a short watch.
 */
@Component
public class NoRouteOutputScenario implements LabScenario {
  static final String SENDER = "198.18.30.1";
  static final String PEER = "198.18.30.2";
  static final String SERVER = "198.18.31.2";
  static final int PORT = 5201;

  @Override
  public String name() {
    return "no-route-output";
  }

  @Override
  public String description() {
    return "established TCP connections to " + SERVER + ":" + PORT + " keep sending after the route to " + SERVER + " is deleted";
  }

  @Override
  public String expectedCause() {
    return "no-route-output";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "rout", SENDER, PEER);
    net.ip("-n", pair.receiverNs(), "addr", "add", SERVER + "/32", "dev", pair.receiverIf());
    net.ip("-n", pair.senderNs(), "route", "add", "198.18.31.0/24", "via", PEER);
    net.sysctl(pair.senderNs(), "net.ipv4.tcp_rto_max_ms", "1000");
    net.sysctl(pair.senderNs(), "net.ipv4.tcp_retries2", "100");
    net.startPackets(pair.receiverNs(), "tcp-sink", "--port", String.valueOf(PORT), "--bind", SERVER);
    // Small writes: the send buffers take over a minute to fill, and until then every write is a
    // transmit attempt (measured: ~45 drops/s; once buffers are full only the 1 s retransmissions remain).
    net.startPackets(pair.senderNs(), "tcp-send", "--dst", SERVER, "--port", String.valueOf(PORT), "--connections", "4",
        "--size", "100");
    // The connections must exist before the route goes: connect() without a route makes no packet at all.
    pause(2500);
    net.ip("-n", pair.senderNs(), "route", "del", "198.18.31.0/24");
    return new Target(SENDER, SERVER, 6, PORT, null, pair.senderNs());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while the lab's TCP connections were being set up");
    }
  }
}
