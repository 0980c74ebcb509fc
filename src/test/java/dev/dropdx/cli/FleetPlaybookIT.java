package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.lab.LabNetwork;
import dev.dropdx.lab.LabSetUp;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.support.LabTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Ansible role for real (deploy/ansible): four "hosts" are network namespaces on one bridge,
 * each with its own sshd; Ansible connects from the root namespace. r1 drops OSPF hellos
 * (multicast-not-joined), r2 has a VXLAN tunnel without underlay route, r3 is healthy (same OSPF
 * target as r1: r1's drops, seen on the machine-wide tracepoint, must not count for r3), r4's sshd
 * is stopped. dropdx runs inside each namespace without --netns. The fleet report must name each.
 */
class FleetPlaybookIT {
  private static final String SW = "dropdx-lab-fleet-sw";
  private static final String UPLINK = "dlfleet0"; // the root namespace's only link into the lab
  private static final String LAN = "198.18.90.";
  private static final List<String> HOSTS = List.of("r1", "r2", "r3", "r4");
  private static final Path PLAYBOOK_DIR = Path.of("deploy/ansible").toAbsolutePath();

  private final ChildProcesses children = new ChildProcesses();
  private final CommandRunner runner = new CommandRunner(children);
  private final JsonMapper json = JsonMapper.builder().build();
  @TempDir Path tmp;

  @Test
  @LabTest
  void aFleetRunReportsEachHostsCauseTheHealthyHostAndTheStoppedOne() throws Exception {
    requireTools();
    try (LabNetwork net = new LabNetwork(runner, children)) {
      try {
        buildFleet(net);
        CommandResult play = playbook();
        String log = Files.readString(tmp.resolve("ansible.log"));
        Path report = tmp.resolve("report");
        assertThat(report.resolve("report.jsonl")).as(tail(log)).exists();
        Map<String, JsonNode> byHost = new HashMap<>();
        for (String line : Files.readAllLines(report.resolve("report.jsonl"))) {
          if (!line.isBlank()) {
            JsonNode n = json.readTree(line);
            byHost.put(n.get("host").asString(), n);
          }
        }
        assertThat(byHost).as(tail(log)).containsOnlyKeys(HOSTS);
        assertThat(cause(byHost.get("r1"))).as(tail(log)).isEqualTo("diagnosed multicast-not-joined");
        assertThat(cause(byHost.get("r2"))).as(tail(log)).isEqualTo("diagnosed vxlan-underlay-no-route");
        assertThat(cause(byHost.get("r3"))).as(tail(log)).isEqualTo("no-drops");
        assertThat(cause(byHost.get("r4"))).isEqualTo("unreachable");
        assertThat(byHost.get("r4").get("exitCode").asInt()).isEqualTo(1);
        String md = Files.readString(report.resolve("report.md"));
        assertThat(md).contains("| r1 | diagnosed | multicast-not-joined |", "| r4 | unreachable |", "### By cause",
            "| no-drops | r3 | 1 |");
        // The fetched per-host result is dropdx's own JSON: r3 was diagnosed in its own namespace.
        JsonNode r3 = json.readTree(report.resolve("results/r3.json").toFile());
        assertThat(r3.get("verdict").asString()).isEqualTo("no-drops");
        assertThat(r3.get("drops")).allSatisfy(d -> assertThat(d.get("match").asString()).isNotEqualTo("target"));
        assertThat(play.exitCode()).as(tail(log)).isZero();
        installedPrivately(tmp.resolve("hosts/r1"));
      } finally {
        runner.run(List.of("ip", "link", "del", UPLINK), Duration.ofSeconds(10)); // goes with the switch too; be sure
      }
    }
  }

  /** What the role installed: rules and knowledge root-owned, 0755 directories, 0644 files; data 0700. */
  private static void installedPrivately(Path host) throws IOException {
    for (String content : List.of("opt/rules", "opt/knowledge-base")) {
      try (var paths = Files.walk(host.resolve(content))) {
        for (Path p : paths.toList()) {
          String want = Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--";
          assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
              .isEqualTo(want);
          assertThat(Files.getAttribute(p, "unix:uid")).as(p + " owner").isEqualTo(0);
        }
      }
    }
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(host.resolve("data"))))
        .as("data directory").isEqualTo("rwx------");
  }

  /** Switch namespace with a bridge, four host namespaces on it, one uplink from the root namespace, sshd in r1..r3. */
  private void buildFleet(LabNetwork net) throws Exception {
    String sw = net.namespace(SW);
    net.ip("-n", sw, "link", "add", "br0", "type", "bridge");
    net.ip("-n", sw, "link", "set", "br0", "up");
    net.ip("link", "add", UPLINK, "type", "veth", "peer", "name", "sw-up", "netns", sw);
    net.ip("link", "set", UPLINK, "addrgenmode", "none"); // no IPv6 link-local address in the root namespace
    net.ip("addr", "add", LAN + "254/24", "dev", UPLINK); // its connected route is the only route added
    net.ip("link", "set", UPLINK, "up");
    net.ip("-n", sw, "link", "set", "sw-up", "master", "br0", "up");
    Path key = tmp.resolve("id");
    Path hostKey = tmp.resolve("host-key");
    check(runner.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), Duration.ofSeconds(20)));
    check(runner.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()), Duration.ofSeconds(20)));
    Files.copy(Path.of(key + ".pub"), tmp.resolve("authorized_keys"));
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
    for (int i = 0; i < HOSTS.size(); i++) {
      String host = HOSTS.get(i);
      String ns = net.namespace("dropdx-lab-fleet-" + host);
      net.ip("-n", sw, "link", "add", "sw-" + host, "type", "veth", "peer", "name", "eth0", "netns", ns);
      net.ip("-n", sw, "link", "set", "sw-" + host, "master", "br0", "up");
      net.ip("-n", ns, "addr", "add", address(i) + "/24", "dev", "eth0");
      net.ip("-n", ns, "link", "set", "eth0", "up");
      Path config = tmp.resolve("sshd-" + host + ".conf");
      Files.writeString(config, String.join("\n", "ListenAddress " + address(i), "HostKey " + hostKey, "PidFile none",
          "AuthorizedKeysFile " + tmp.resolve("authorized_keys"), "PermitRootLogin prohibit-password",
          "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
          "Subsystem sftp internal-sftp", ""));
      if (!host.equals("r4")) { // r4 is the host that is down: its sshd is not running
        net.startTraffic(ns, List.of("/usr/sbin/sshd", "-D", "-f", config.toString()));
      }
    }
    // r1: OSPF hellos from a neighbour arrive on ospf0, while r1 joined 224.0.0.5 on eth0 only.
    String nb = net.namespace("dropdx-lab-fleet-r1nb");
    net.veth(nb, "nb0", "198.18.70.1/24", "dropdx-lab-fleet-r1", "ospf0", "198.18.70.2/24");
    net.startPackets("dropdx-lab-fleet-r1", "join", "--group", "224.0.0.5", "--iface", "eth0");
    // An OSPF hello's first bytes, TTL 1, bound to the neighbour's interface (as the multicast-not-joined scenario sends them).
    net.startPackets(nb, "send-ip", "--src", "198.18.70.1", "--dst", "224.0.0.5", "--proto", "89", "--ttl", "1", "--payload", "0201002c",
        "--iface", "nb0", "--interval", "0.2");
    // r2: a VXLAN tunnel whose remote VTEP has no underlay route, pinged into.
    LabSetUp.build(dev.dropdx.support.LabScenarios.named("vxlan-underlay-no-route"), net, Map.of("tun", "dropdx-lab-fleet-r2"));
    for (int i = 0; i < 3; i++) {
      awaitSsh(address(i));
    }
  }

  private CommandResult playbook() throws IOException {
    String inventory = String.join("\n", "[dropdx]",
        "r1 ansible_host=" + address(0) + " dropdx_proto=ospf dropdx_dst=224.0.0.5",
        "r2 ansible_host=" + address(1) + " dropdx_dst=198.18.41.2",
        "r3 ansible_host=" + address(2) + " dropdx_proto=ospf dropdx_dst=224.0.0.5",
        "r4 ansible_host=" + address(3) + " dropdx_proto=ospf dropdx_dst=224.0.0.5",
        "", "[dropdx:vars]",
        "ansible_user=root",
        "ansible_ssh_private_key_file=" + tmp.resolve("id"),
        "ansible_ssh_common_args=-o StrictHostKeyChecking=no -o UserKnownHostsFile=" + tmp.resolve("known_hosts"),
        "ansible_python_interpreter=/usr/bin/python3",
        "dropdx_become=false",
        // All "hosts" share this filesystem: no apt, and an install and data directory each.
        "dropdx_install_packages=false",
        "dropdx_install_dir=" + tmp + "/hosts/{{ inventory_hostname }}/opt",
        "dropdx_data_dir=" + tmp + "/hosts/{{ inventory_hostname }}/data",
        "dropdx_window=3",
        // Three JVMs start at once on a small CI machine: a generous limit (a slow host would show as "timeout").
        "dropdx_timeout=300", "");
    Files.writeString(tmp.resolve("inventory.ini"), inventory);
    List<String> cmd = List.of("ansible-playbook", "-i", tmp.resolve("inventory.ini").toString(), "fleet-diagnose.yml",
        "-e", "dropdx_report_dir=" + tmp.resolve("report"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PLAYBOOK_DIR.toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("ansible.log").toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("ANSIBLE_HOME", tmp.resolve("ansible-home").toString()); // nothing in root's ~/.ansible
    env.put("ANSIBLE_LOCAL_TEMP", tmp.resolve("ansible-local").toString());
    env.put("ANSIBLE_REMOTE_TEMP", tmp.resolve("ansible-remote").toString());
    env.put("ANSIBLE_SSH_CONTROL_PATH_DIR", tmp.resolve("cp").toString());
    env.put("ANSIBLE_SSH_ARGS", "-o ControlMaster=auto -o ControlPersist=5s"); // masters exit on their own
    env.put("ANSIBLE_CALLBACKS_ENABLED", "ansible.posix.profile_tasks"); // task times in the log
    env.put("ANSIBLE_NOCOLOR", "1");
    long start = System.nanoTime();
    Process p = pb.start();
    try {
      boolean done = p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES);
      if (!done) {
        children.stop(p);
      }
      System.err.printf("FleetPlaybookIT: ansible-playbook took %.0f s%n", (System.nanoTime() - start) / 1e9);
      return new CommandResult(cmd, done ? p.exitValue() : -1, "", "", !done);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      children.stop(p);
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String address(int i) {
    return LAN + (11 + i);
  }

  private static String cause(JsonNode n) {
    List<String> causes = new ArrayList<>();
    n.get("causes").forEach(c -> causes.add(c.asString()));
    return (n.get("verdict").asString() + " " + String.join(",", causes)).strip();
  }

  private static void awaitSsh(String address) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, 22), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("sshd on " + address + " did not start");
  }

  private static void requireTools() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("/usr/bin/ansible-playbook", "/usr/sbin/sshd", "/usr/bin/ssh-keygen")) {
      if (!Files.isExecutable(Path.of(tool))) {
        missing.add(tool);
      }
    }
    if (!Files.isRegularFile(Path.of("target/dropdx.jar"))) {
      missing.add("target/dropdx.jar");
    }
    if (missing.isEmpty()) {
      return;
    }
    String why = "fleet test needs " + missing + " (apt-get install ansible openssh-server; ./mvnw package)";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("lab test cannot run under CI: " + why);
    }
    Assumptions.abort(why);
  }

  private static void check(CommandResult r) {
    if (!r.ok()) {
      throw new IllegalStateException(String.join(" ", r.command()) + ": " + r.firstError());
    }
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
