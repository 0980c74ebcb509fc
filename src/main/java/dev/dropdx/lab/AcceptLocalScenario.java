package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * The sender sends UDP whose source is an address the receiver owns on another interface, with
 * accept_local off (the default): the kernel drops at ip_rcv_finish_core, IP_LOCAL_SOURCE.
 */
@Component
public class AcceptLocalScenario implements LabScenario {
  static final String RECEIVER = "198.18.50.2";
  /** The receiver's own address on its other interface al-alt0, forged by the sender. */
  static final String OWN_SOURCE = "198.18.51.1";

  @Override
  public String name() {
    return "accept-local";
  }

  @Override
  public String description() {
    return "packets from " + OWN_SOURCE + " (an address the receiver owns on al-alt0) arrive on al-rx0 with accept_local=0";
  }

  @Override
  public String expectedCause() {
    return "accept-local";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "al", "198.18.50.1", RECEIVER);
    // The receiver's other interface, owning the address the sender will forge (a veth pair: no dummy driver here).
    net.ip("-n", pair.receiverNs(), "link", "add", "al-alt0", "type", "veth", "peer", "name", "al-alt1");
    net.ip("-n", pair.receiverNs(), "addr", "add", OWN_SOURCE + "/24", "dev", "al-alt0");
    net.ip("-n", pair.receiverNs(), "link", "set", "al-alt0", "up");
    net.ip("-n", pair.receiverNs(), "link", "set", "al-alt1", "up");
    // Explicitly the kernel default, so the scenario does not depend on how the namespace was created.
    net.sysctl(pair.receiverNs(), "net.ipv4.conf.all.accept_local", "0");
    net.sysctl(pair.receiverNs(), "net.ipv4.conf." + pair.receiverIf() + ".accept_local", "0");
    // UDP 53 -> 9, length 8, no checksum: a minimal datagram with the forged source.
    net.startPackets(pair.senderNs(), "send-ip", "--src", OWN_SOURCE, "--dst", RECEIVER, "--proto", "17",
        "--payload", "0035000900080000");
    return new Target(OWN_SOURCE, null, 17, null, null, pair.receiverNs());
  }
}
