package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * The article's case 1: OSPF hellos to 224.0.0.5 arrive on an interface that never joined the
 * group, while another interface of the receiver has joined it (as an OSPF daemon does on the
 * interfaces its network statements cover). The kernel drops them at ip_rcv_finish_core.
 */
@Component
public class MulticastNotJoinedScenario implements LabScenario {
  /** The addresses of the sender and receiver ends (also for pairs made for {@link #hellos}). */
  public static final String SENDER = "198.18.70.1";

  public static final String RECEIVER = "198.18.70.2";
  static final String GROUP = "224.0.0.5";
  static final String JOINED_IF = "mc-alt0";

  @Override
  public String name() {
    return "multicast-not-joined";
  }

  @Override
  public String description() {
    return "OSPF (IP protocol 89) to " + GROUP + " arrives on mc-rx0; the receiver joined " + GROUP + " only on " + JOINED_IF;
  }

  @Override
  public String expectedCause() {
    return "multicast-not-joined";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "mc", SENDER, RECEIVER);
    // The interface that did join: a veth pair kept inside the receiver, in a subnet of its own
    // (the one an OSPF network statement would have covered).
    net.ip("-n", pair.receiverNs(), "link", "add", JOINED_IF, "type", "veth", "peer", "name", "mc-alt1");
    net.ip("-n", pair.receiverNs(), "addr", "add", "198.18.71.1/24", "dev", JOINED_IF);
    net.ip("-n", pair.receiverNs(), "link", "set", JOINED_IF, "up");
    net.ip("-n", pair.receiverNs(), "link", "set", "mc-alt1", "up");
    return hellos(net, pair, JOINED_IF);
  }

  /**
   * The fault on a pair that exists: the receiver joins 224.0.0.5 on {@code joinedIf} only, and the sender
   * sends OSPF hellos that arrive on the pair's other end. Returns the target (in the receiver's namespace).
   */
  public static Target hellos(LabNetwork net, VethPair pair, String joinedIf) {
    net.startPackets(pair.receiverNs(), "join", "--group", GROUP, "--iface", joinedIf);
    // An OSPF hello's first bytes (version 2, type 1 hello); TTL 1 like OSPF; bound to the sender's
    // interface because the sender has no multicast route.
    net.startPackets(pair.senderNs(), "send-ip", "--src", SENDER, "--dst", GROUP, "--proto", "89", "--ttl", "1",
        "--payload", "0201002c", "--iface", pair.senderIf(), "--interval", "0.2");
    return new Target(SENDER, GROUP, 89, null, null, pair.receiverNs());
  }
}
