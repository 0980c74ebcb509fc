package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.lab.LabNetwork;
import dev.dropdx.lab.LabSetUp;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.support.Jar;
import dev.dropdx.support.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** `collect` as runbooks run it: 0 bundle written, 2 bad input, 1 cannot run; the bundle replays with the jar. */
class CollectCliIT {
  private final ChildProcesses children = new ChildProcesses();
  private final CommandRunner runner = new CommandRunner(children);
  @TempDir Path dir;

  private CommandResult dropdx(List<String> prefix, String... args) throws Exception {
    return Jar.runIn(dir, prefix, dir.resolve("data"), Map.of(), args); // never the user's own history
  }

  @Test
  void badTargetOrPlanIsExitTwoWithOneLine() throws Exception {
    CommandResult r = dropdx(List.of(), "collect", "--src", "nope", "--out", "x.json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr().strip()).isEqualTo("dropdx: --src 'nope' is not an IPv4 or IPv6 address or prefix (examples: 198.18.2.1, 198.18.2.0/24, "
        + "2001:db8::1, 2001:db8:1::/64)");
    Files.writeString(dir.resolve("broken.plan"), "route to={target.dst} when Drop.match=OTHER\n");
    r = dropdx(List.of(), "collect", "--plan", "broken.plan");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).startsWith("dropdx: broken.plan:1: 'Drop.match=OTHER' is not a condition");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  void allNetnsWithNetnsIsExitTwoWithOneLine() throws Exception {
    CommandResult r = dropdx(List.of(), "collect", "--all-netns", "--netns", "web", "--out", "x.json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr().strip()).isEqualTo("dropdx: --netns and --all-netns exclude each other: name one namespace or watch them all");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  @LabTest
  void allNetnsWritesOneBundleForEveryFaultyNamespaceAndSaysWhichWithExitZero() throws Exception {
    String container;
    CommandResult r;
    LabNetwork named = new LabNetwork(runner, children);
    LabNetwork bare = new LabNetwork(runner, children);
    try (named; bare) {
      LabSetUp.build(dev.dropdx.support.LabScenarios.named("rp-filter"), named);
      container = LabSetUp.build(dev.dropdx.support.LabScenarios.named("no-socket-container"), bare).netns();
      Thread.sleep(1000);
      r = dropdx(List.of(), "collect", "--all-netns", "--window", "3", "--out", "all.json");
    }
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    // What was saved where: the file, each faulty namespace (a container by inode, process and id), how to replay it.
    assertThat(r.stdout()).as(r.stdout()).contains("into all.json, for ").contains(" namespace(s) with drops:")
        .containsPattern("\\n  dropdx-lab-rpf-rx: \\d+ packet\\(s\\), most IP_RPFILTER at \\S+; \\d+ probe result\\(s\\) from inside it")
        .containsPattern("\\n  inode \\d+ \\(pid " + container.substring(4) + " sleep\\) \\[" + container + "\\]: \\d+ packet\\(s\\), most NO_SOCKET")
        .contains("dropdx diagnose --replay all.json (the same namespace table as diagnose --all-netns)");
    CommandResult replay = dropdx(List.of(), "diagnose", "--replay", "all.json", "--format", "json");
    assertThat(replay.exitCode()).as(replay.stderr()).isZero();
    var namespaces = JsonMapper.builder().build().readTree(replay.stdout()).get("namespaces");
    java.util.Map<String, String> causes = new java.util.HashMap<>();
    namespaces.forEach(n -> causes.put(n.get("netns").asString() + " " + n.get("reason").asString(), n.get("cause").asString()));
    assertThat(causes).as(replay.stdout()).containsEntry("dropdx-lab-rpf-rx IP_RPFILTER", "rp-filter")
        .containsEntry(container + " NO_SOCKET", "no-socket");
  }

  @Test
  @LabTest
  void withoutRootNothingCanWatchForDropsSoExitOne() throws Exception {
    // The same jar as an unprivileged user: no kfree_skb watch can run, so no bundle is written.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    CommandResult r = dropdx(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
        "collect", "--src", "198.18.0.1", "--out", "x.json");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("dropdx: collect cannot watch for drops on this host: drop-watch: no backend can watch kfree_skb: "
        + "tracefs+bpftrace: watching kfree_skb needs root");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  @Test
  @LabTest
  void aCollectedBundleIsWrittenWithExitZeroAndReplaysToTheCause() throws Exception {
    try (LabNetwork net = new LabNetwork(runner, children)) {
      var target = LabSetUp.build(dev.dropdx.support.LabScenarios.named("rp-filter"), net);
      Thread.sleep(1000);
      CommandResult r = dropdx(List.of(), "collect", "--netns", target.netns(), "--src", target.src(), "--proto", "icmp",
          "--window", "2", "--out", "rpf.json");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      assertThat(r.stdout()).contains("into rpf.json").contains("dropdx diagnose --replay rpf.json");
    }
    CommandResult replay = dropdx(List.of(), "diagnose", "--replay", "rpf.json", "--format", "json");
    assertThat(replay.exitCode()).as(replay.stderr()).isZero();
    assertThat(JsonMapper.builder().build().readTree(replay.stdout()).get("diagnoses").get(0).get("cause").asString())
        .isEqualTo("rp-filter");
  }
}
