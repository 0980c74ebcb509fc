package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * A sender that writes whole Ethernet frames (AF_PACKET) with a corrupted IPv4 header checksum:
 * the receiver drops them at ip_rcv_core with reason IP_CSUM and counts IpExtInCsumErrors.
 */
@Component
public class IpChecksumScenario implements LabScenario {
  static final String SENDER = "198.18.10.1";
  static final String RECEIVER = "198.18.10.2";

  @Override
  public String name() {
    return "ip-checksum";
  }

  @Override
  public String description() {
    return "UDP packets from " + SENDER + " to " + RECEIVER + " sent as raw frames whose IPv4 header checksum is wrong";
  }

  @Override
  public String expectedCause() {
    return "ip-checksum";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "ck", SENDER, RECEIVER);
    String mac = net.mac(pair.receiverNs(), pair.receiverIf());
    // UDP 53 -> 53, length 8, checksum 0 (none): only the IP header is damaged.
    net.startPackets(pair.senderNs(), "send-frame", "--iface", pair.senderIf(), "--dst-mac", mac, "--src", SENDER,
        "--dst", RECEIVER, "--proto", "17", "--payload", "0035003500080000", "--bad-checksum", "--interval", "0.1");
    return new Target(SENDER, RECEIVER, 17, null, null, pair.receiverNs());
  }
}
