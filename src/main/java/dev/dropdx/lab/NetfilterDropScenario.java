package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import org.springframework.stereotype.Component;

/**
 * An iptables DROP rule in INPUT for a UDP port in the receiver's namespace, with a program
 * listening on that port: the kernel drops the datagrams in the netfilter hook (nft_do_chain on
 * this kernel) with NETFILTER_DROP, and the rule's counter counts them.
 */
@Component
public class NetfilterDropScenario implements LabScenario {
  static final String RECEIVER = "198.18.62.2";
  static final int PORT = 5062;

  @Override
  public String name() {
    return "netfilter-drop";
  }

  @Override
  public String description() {
    return "iptables -A INPUT -p udp --dport " + PORT + " -j DROP in the receiver's namespace, a UDP listener behind it";
  }

  @Override
  public String expectedCause() {
    return "netfilter-drop";
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "nf", "198.18.62.1", RECEIVER);
    // iptables runs inside the lab namespace only (ip netns exec), never in the root namespace
    net.ip("netns", "exec", pair.receiverNs(), "iptables", "-A", "INPUT", "-p", "udp", "--dport", Integer.toString(PORT), "-j", "DROP");
    net.startPackets(pair.receiverNs(), "udp-sink", "--port", Integer.toString(PORT));
    net.startPackets(pair.senderNs(), "send-udp", "--dst", RECEIVER, "--port", Integer.toString(PORT), "--interval", "0.1");
    return new Target(null, RECEIVER, 17, PORT, null, pair.receiverNs());
  }
}
