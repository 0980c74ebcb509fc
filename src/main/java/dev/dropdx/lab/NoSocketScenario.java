package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * UDP datagrams to a port where nothing listens for UDP, while a TCP listener holds the same
 * port number (the classic "but the service is running" confusion): the kernel drops them at
 * __udp4_lib_rcv with NO_SOCKET and counts UdpNoPorts.
 */
@Component
public class NoSocketScenario implements LabScenario {
  static final String RECEIVER = "198.18.61.2";
  static final int PORT = 5061;

  /** A TCP listener on the port, held until killed: shows the "another protocol" hint. */
  private static final String TCP_LISTENER = "import socket, time\n"
      + "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"
      + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
      + "s.bind(('0.0.0.0', " + PORT + "))\n"
      + "s.listen()\n"
      + "while True:\n"
      + "    time.sleep(3600)\n";

  @Override
  public String name() {
    return "no-socket";
  }

  @Override
  public String description() {
    return "UDP datagrams to " + RECEIVER + ":" + PORT + " where only a TCP listener holds the port";
  }

  @Override
  public String expectedCause() {
    return "no-socket";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "ns", "198.18.61.1", RECEIVER);
    net.startTraffic(pair.receiverNs(), List.of("python3", "-c", TCP_LISTENER));
    net.startPackets(pair.senderNs(), "send-udp", "--dst", RECEIVER, "--port", Integer.toString(PORT), "--interval", "0.1");
    return new Target(null, RECEIVER, 17, PORT, null, pair.receiverNs());
  }
}
