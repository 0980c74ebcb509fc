package dev.dropdx.lab;

import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The namespaces, links and traffic of one scenario run. It only creates namespaces named
 * {@code dropdx-lab-*} and only changes things inside them; {@link #close()} removes all of it
 * and stops the traffic it started, by PID.
 */
public final class LabNetwork implements AutoCloseable {
  private static final Pattern LAB_NS = Pattern.compile("dropdx-lab-[a-z0-9-]{1,40}");
  private static final Duration STEP = Duration.ofSeconds(10);

  private final CommandRunner runner;
  private final ChildProcesses children;
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> traffic = new ArrayList<>();

  public LabNetwork(CommandRunner runner, ChildProcesses children) {
    this.runner = runner;
    this.children = children;
  }

  /** Creates a fresh namespace (removing a leftover of the same name), loopback up, IPv6 off. */
  public String namespace(String name) {
    return namespace(name, false);
  }

  /**
   * Creates a fresh namespace (removing a leftover of the same name), loopback up; IPv6 off unless
   * {@code ipv6} (an IPv6 scenario), since other namespaces' IPv6 chatter is noise on the global
   * tracepoint.
   */
  public String namespace(String name, boolean ipv6) {
    if (!LAB_NS.matcher(name).matches()) {
      throw new LabException("lab namespaces must be named dropdx-lab-*: " + name);
    }
    runner.run(List.of("ip", "netns", "del", name), STEP); // idempotent: a leftover from a killed run
    ip("netns", "add", name);
    namespaces.add(name);
    ip("-n", name, "link", "set", "lo", "up");
    if (!ipv6) {
      sysctl(name, "net.ipv6.conf.all.disable_ipv6", "1");
      sysctl(name, "net.ipv6.conf.default.disable_ipv6", "1");
    }
    return name;
  }

  /**
   * `ip -n NS addr add ADDRESS dev DEV`; an IPv6 address with `nodad`, so that it is usable at once
   * (duplicate address detection would hold it "tentative" for about a second, and packets sent from
   * it meanwhile fail).
   */
  public void address(String netns, String address, String dev) {
    requireOurs(netns, "add " + address);
    if (address.contains(":")) {
      ip("-n", netns, "addr", "add", address, "dev", dev, "nodad");
    } else {
      ip("-n", netns, "addr", "add", address, "dev", dev);
    }
  }

  /** Runs `ip ARGS`, failing the setup with the kernel's words when it fails. */
  public void ip(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    check(runner.run(cmd, STEP));
  }

  /** Runs a command to its end inside one of our namespaces, failing the setup when it fails. */
  public void exec(String netns, List<String> command) {
    requireOurs(netns, String.join(" ", command));
    check(runner.runIn(netns, command, STEP));
  }

  /** Runs a command inside one of our namespaces and returns what it printed (e.g. a generated ruleset). */
  public String output(String netns, List<String> command) {
    requireOurs(netns, String.join(" ", command));
    CommandResult r = runner.runIn(netns, command, STEP);
    check(r);
    return r.stdout();
  }

  /**
   * A veth pair between two of our namespaces, or inside one (an extra interface there): then
   * each end's address when given (with its prefix length), then both ends up.
   */
  public void veth(String nsA, String ifA, String addrA, String nsB, String ifB, String addrB) {
    requireOurs(nsA, "veth " + ifA);
    requireOurs(nsB, "veth " + ifB);
    if (nsA.equals(nsB)) {
      ip("-n", nsA, "link", "add", ifA, "type", "veth", "peer", "name", ifB);
    } else {
      ip("link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB);
    }
    if (addrA != null) {
      address(nsA, addrA, ifA);
    }
    if (addrB != null) {
      address(nsB, addrB, ifB);
    }
    ip("-n", nsA, "link", "set", ifA, "up");
    ip("-n", nsB, "link", "set", ifB, "up");
  }

  /** Sets a sysctl inside one of our namespaces (never the root namespace). */
  public void sysctl(String netns, String key, String value) {
    requireOurs(netns, "set " + key);
    check(runner.runIn(netns, List.of("sysctl", "-q", "-w", key + "=" + value), STEP));
  }

  /** The MAC address of an interface in a namespace. */
  public String mac(String netns, String iface) {
    CommandResult r = runner.run(List.of("ip", "-n", netns, "-o", "link", "show", iface), STEP);
    check(r);
    var m = Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(r.stdout());
    if (!m.find()) {
      throw new LabException("no MAC address for " + iface + " in " + netns);
    }
    return m.group(1);
  }

  /** Starts traffic inside a namespace; it is stopped (by PID) when the network closes. */
  public void startTraffic(String netns, List<String> command) {
    traffic.add(runner.start(CommandRunner.inNetns(netns, command)));
  }

  /**
   * Starts the lab's packet tool (src/main/resources/lab/packets.py) inside a namespace, for
   * traffic ping cannot make: other IP protocols, forged sources, bad checksums, multicast joins.
   * Stopped like other traffic.
   */
  public void startPackets(String netns, String... args) {
    List<String> cmd = new ArrayList<>(List.of("python3", "-c", packetTool()));
    cmd.addAll(List.of(args));
    startTraffic(netns, cmd);
  }

  private static String packetTool() {
    try (var in = LabNetwork.class.getResourceAsStream("/lab/packets.py")) {
      if (in == null) {
        throw new LabException("lab/packets.py is missing from the build");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new LabException("cannot read lab/packets.py: " + e.getMessage());
    }
  }

  /** Namespaces this run created. */
  public List<String> namespaces() {
    return List.copyOf(namespaces);
  }

  /** Stops the traffic and removes the namespaces (their links go with them). */
  @Override
  public void close() {
    traffic.forEach(children::stop);
    traffic.clear();
    for (String ns : namespaces) {
      runner.run(List.of("ip", "netns", "del", ns), STEP);
    }
    namespaces.clear();
  }

  private void requireOurs(String netns, String what) {
    if (!namespaces.contains(netns)) {
      throw new LabException("refusing to " + what + " outside the lab's namespaces");
    }
  }

  private static void check(CommandResult r) {
    if (!r.ok()) {
      throw new LabException("lab setup failed: " + String.join(" ", r.command()) + ": " + r.firstError());
    }
  }
}
