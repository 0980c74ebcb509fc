package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * The article's case 2: a sender puts version 1 in the GRE header (PPTP's enhanced GRE: K bit,
 * protocol type 0x880B). Kernels with the GRE handler drop it in gre_rcv; this lab's kernel has no
 * GRE handler at all, so it drops at ip_local_deliver_finish (IP_NOPROTO) and dropdx proves both
 * causes, the version first.
 */
@Component
public class GreVersionSetScenario implements LabScenario {
  static final String SENDER = "198.18.40.1";
  static final String RECEIVER = "198.18.40.2";
  /** Flags/version 0x2001 (K bit, version 1), protocol type 0x880B (PPP), key: payload length 0, call id 42. */
  static final String GRE_V1 = "2001880b0000002a";

  @Override
  public String name() {
    return "gre-version-set";
  }

  @Override
  public String description() {
    return "the sender " + SENDER + " sends GRE with version 1 in its header (PPTP-like, flags 0x2001, protocol type 0x880B)";
  }

  @Override
  public String expectedCause() {
    return "gre-version-set";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "gre-v1", SENDER, RECEIVER);
    net.startPackets(pair.senderNs(), "send-ip", "--src", SENDER, "--dst", RECEIVER, "--proto", "47", "--payload", GRE_V1);
    return new Target(SENDER, null, 47, null, null, pair.receiverNs());
  }
}
