package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Attempts to overflow a per-CPU receive backlog WITHOUT touching net.core.netdev_max_backlog
 * (global, root namespace only): the receiving veth is steered by RPS to CPU 1, a long netfilter
 * chain makes each packet costly there, and a sender pinned to CPU 0 sends bursts of 3000 frames
 * with sendmmsg. Limitation: on the 2-vCPU lab VM this did NOT fill the 1000-packet backlog (the
 * sender reached only ~5k frames/s), so the scenario usually ends with no drops there; a host with
 * faster CPUs (or a smaller backlog) gets CPU_BACKLOG drops. Needs at least 2 CPUs.
 */
@Component
public class BacklogFullScenario implements LabScenario {
  static final String SENDER = "198.18.40.1";
  static final String RECEIVER = "198.18.40.2";
  static final String SOURCE = "198.18.41.1";
  private static final int RULES = 5000;

  @Override
  public String name() {
    return "backlog-full";
  }

  @Override
  public String description() {
    return "ATTEMPT (not reproduced on the 2-vCPU lab VM): bursts of 3000 frames from CPU 0 to a veth steered by RPS to CPU 1"
        + " behind a " + RULES + "-rule netfilter chain, to overflow CPU 1's backlog without changing netdev_max_backlog";
  }

  @Override
  public String limitation() {
    return "a 2-vCPU VM cannot overflow the default netdev backlog (1000) without changing the host-wide "
        + "net.core.netdev_max_backlog, which the lab never touches";
  }

  @Override
  public String expectedCause() {
    return "backlog-full";
  }

  @Override
  public Target setUp(LabNetwork net) {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      throw new LabException("backlog-full needs at least 2 CPUs: the sender and the backlog must be on different CPUs");
    }
    VethPair pair = VethPair.create(net, "bl", SENDER, RECEIVER);
    // RPS: the receiving veth's packets go to CPU 1's backlog (a setting of this device, in the lab namespace).
    net.ip("netns", "exec", pair.receiverNs(), "python3", "-c",
        "open('/sys/class/net/" + pair.receiverIf() + "/queues/rx-0/rps_cpus', 'w').write('2')");
    Path rules = slowChain();
    try {
      net.ip("netns", "exec", pair.receiverNs(), "nft", "-f", rules.toString());
    } finally {
      try {
        Files.deleteIfExists(rules);
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
    // The frames are pings from SOURCE, whose replies the receiver cannot route (an unreachable route):
    // icmp_reply gives up before building a reply, so a frame that gets through the backlog is consumed
    // without any drop of its own (UDP frames would die as NO_SOCKET or SOCKET_RCVBUFF, another cause's noise).
    net.ip("-n", pair.receiverNs(), "route", "add", "unreachable", "198.18.41.0/24");
    net.startPackets(pair.senderNs(), "burst-frame", "--iface", pair.senderIf(), "--dst-mac", net.mac(pair.receiverNs(), pair.receiverIf()),
        "--src", SOURCE, "--dst", RECEIVER, "--proto", "1", "--cpu", "0", "--burst", "3000", "--interval", "0.3");
    return new Target(SOURCE, RECEIVER, 1, null, null, pair.receiverNs());
  }

  /** A prerouting chain of rules that never match: each packet is compared against all of them. */
  private static Path slowChain() {
    StringBuilder sb = new StringBuilder("table ip dropdx_lab_slow {\n chain pre {\n  type filter hook prerouting priority 0;\n");
    for (int i = 1; i <= RULES; i++) {
      sb.append("  ip saddr 10.").append(i / 62500).append('.').append((i / 250) % 250).append('.').append(i % 250).append(" counter\n");
    }
    sb.append(" }\n}\n");
    try {
      Path file = Files.createTempFile("dropdx-lab-bl-", ".nft");
      Files.writeString(file, sb);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
