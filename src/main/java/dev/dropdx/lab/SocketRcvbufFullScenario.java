package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * A UDP socket with the smallest receive buffer (SO_RCVBUF=1, raised by the kernel to its
 * minimum) that never reads, flooded by the sender: the kernel drops at udp_queue_rcv_one_skb
 * with SOCKET_RCVBUFF and counts UdpRcvbufErrors.
 */
@Component
public class SocketRcvbufFullScenario implements LabScenario {
  static final String RECEIVER = "198.18.63.2";
  static final int PORT = 5063;

  @Override
  public String name() {
    return "socket-rcvbuf-full";
  }

  @Override
  public String description() {
    return "a UDP socket on " + RECEIVER + ":" + PORT + " with a tiny receive buffer that never reads, flooded by the sender";
  }

  @Override
  public String expectedCause() {
    return "socket-rcvbuf-full";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "rb", "198.18.63.1", RECEIVER);
    net.startPackets(pair.receiverNs(), "udp-sink", "--port", Integer.toString(PORT), "--rcvbuf", "1", "--no-read");
    net.startPackets(pair.senderNs(), "send-udp", "--dst", RECEIVER, "--port", Integer.toString(PORT), "--interval", "0.002");
    return new Target(null, RECEIVER, 17, PORT, null, pair.receiverNs());
  }
}
