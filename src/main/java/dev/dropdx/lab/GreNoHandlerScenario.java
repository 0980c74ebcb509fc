package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * Well-formed version 0 GRE (an IPv4 packet inside) sent to a host whose kernel has no GRE handler:
 * ip_local_deliver_finish drops it with IP_NOPROTO and IpInUnknownProtos rises. On a kernel that
 * has the gre module loaded there is no fault here (ip_gre answers instead), so the scenario
 * refuses to claim one: it is meant for kernels like this lab's.
 */
@Component
public class GreNoHandlerScenario implements LabScenario {
  static final String SENDER = "198.18.41.1";
  static final String RECEIVER = "198.18.41.2";
  /** GRE version 0, no flags, protocol type IPv4, then IPv4 198.19.0.1 -> 198.19.0.2 carrying an ICMP echo (valid checksums). */
  static final String GRE_V0 = "00000800" + "4500001c000000004001eeb7c6130001c6130002" + "0800f7d4002a0001";

  @Override
  public String name() {
    return "gre-no-handler";
  }

  @Override
  public String description() {
    return "the sender " + SENDER + " sends ordinary version 0 GRE to a kernel that has no GRE handler";
  }

  @Override
  public String expectedCause() {
    return "gre-no-handler";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "gre-nh", SENDER, RECEIVER);
    net.startPackets(pair.senderNs(), "send-ip", "--src", SENDER, "--dst", RECEIVER, "--proto", "47", "--payload", GRE_V0);
    return new Target(SENDER, null, 47, null, null, pair.receiverNs());
  }
}
