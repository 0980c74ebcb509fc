package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.lab.LabNetwork;
import dev.dropdx.lab.LabSetUp;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.support.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the packaged jar the way runbooks do: command line in, JSON and exit code out. */
class DiagnoseCliIT {
  private final ChildProcesses children = new ChildProcesses();
  private final CommandRunner runner = new CommandRunner(children);
  private final JsonMapper json = JsonMapper.builder().build();
  @TempDir Path dataDir;

  private CommandResult dropdx(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", "target/dropdx.jar"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DROPDX_DATA_DIR", dataDir.toString()); // never the user's own history
    pb.environment().putAll(env);
    Process p = pb.start();
    var out = CommandRunner.drain(p.getInputStream());
    var err = CommandRunner.drain(p.getErrorStream());
    boolean done = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    return new CommandResult(cmd, done ? p.exitValue() : -1, out.join(), err.join(), !done);
  }

  @Test
  @LabTest
  void aLiveRpFilterDropIsDiagnosedAsJsonWithExitZero() throws Exception {
    try (LabNetwork net = new LabNetwork(runner, children)) {
      var target = LabSetUp.build(dev.dropdx.support.LabScenarios.named("rp-filter"), net);
      Thread.sleep(1000);
      CommandResult r = dropdx(Map.of(), "diagnose", "--netns", target.netns(), "--src", target.src(), "--proto", "icmp",
          "--window", "3", "--format", "json");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      JsonNode report = json.readTree(r.stdout());
      assertThat(report.get("verdict").asString()).isEqualTo("diagnosed");
      assertThat(report.get("diagnoses").get(0).get("cause").asString()).isEqualTo("rp-filter");
      assertThat(report.get("diagnoses").get(0).get("fix")).isNotEmpty();
      assertThat(report.get("trail").get(1).get("probe").asString()).isEqualTo("drop-watch");
      // The tracepoint is global: other packets' drops may be listed too (as "other"), in any order.
      List<String> targetReasons = new ArrayList<>();
      report.get("drops").forEach(d -> {
        if (d.get("match").asString().equals("target")) {
          targetReasons.add(d.get("reason").asString());
        }
      });
      assertThat(targetReasons).contains("IP_RPFILTER");
      assertThat(report.get("host").get("kernel").asString()).isNotBlank();
    }
  }

  @Test
  @LabTest
  void noFaultGivesNoDropsAndExitFour() throws Exception {
    try (LabNetwork net = new LabNetwork(runner, children)) {
      var target = LabSetUp.build(dev.dropdx.support.LabScenarios.named("clean"), net);
      CommandResult r = dropdx(Map.of(), "diagnose", "--netns", target.netns(), "--src", target.src(), "--proto", "icmp",
          "--window", "2", "--format", "json");
      assertThat(r.exitCode()).as(r.stderr()).isEqualTo(4);
      assertThat(json.readTree(r.stdout()).get("verdict").asString()).isEqualTo("no-drops");
    }
  }

  @Test
  @LabTest
  void sigtermDuringTheWatchRemovesTheTracefsInstanceAndStopsBpftrace() throws Exception {
    Process p = new ProcessBuilder("java", "-jar", "target/dropdx.jar", "diagnose", "--src", "198.18.0.1", "--window", "30")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Path instances = Path.of("/sys/kernel/tracing/instances");
    long deadline = System.currentTimeMillis() + 30_000;
    // Per packet, bpftrace watches alone (issue 14, cost to the host): the watch is up when it runs.
    while (!watching(p) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(watching(p)).as("the watch started bpftrace").isTrue();
    Thread.sleep(1500); // bpftrace is attached by now
    List<ProcessHandle> kids = p.descendants().toList();
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(ours(instances, p.pid())).as("no tracefs instance left").isFalse();
    for (ProcessHandle k : kids) {
      assertThat(k.isAlive()).as("child " + k.pid() + " stopped").isFalse();
    }
  }

  private static boolean watching(Process p) {
    return p.descendants().anyMatch(d -> d.info().command().map(c -> c.endsWith("/bpftrace")).orElse(false));
  }

  private static boolean ours(Path instances, long pid) throws java.io.IOException {
    try (var dirs = Files.list(instances)) {
      return dirs.anyMatch(d -> d.getFileName().toString().startsWith("dropdx-" + pid + "-"));
    }
  }

  @Test
  void anInvalidAddressIsExitTwoWithOneLineAndNoStackTrace() throws Exception {
    CommandResult r = dropdx(Map.of(), "diagnose", "--src", "198.18.300.1; reboot");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr().strip()).startsWith("dropdx: --src").doesNotContain("\n").doesNotContain("Exception");
    assertThat(r.stdout()).isBlank();
  }

  @Test
  void anInvalidInterfaceIsExitTwo() throws Exception {
    CommandResult r = dropdx(Map.of(), "diagnose", "--iface", "bad/name");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("--iface").doesNotContain("at dev.dropdx");
  }

  @Test
  void aNamespaceThatDoesNotExistIsExitTwo() throws Exception {
    CommandResult r = dropdx(Map.of(), "diagnose", "--netns", "dropdx-lab-no-such-ns", "--src", "198.18.0.1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("does not exist");
  }

  @Test
  void unnamedNamespacesThatCannotBeEnteredAreExitTwoWithTheReason() throws Exception {
    CommandResult both = dropdx(Map.of(), "diagnose", "--netns", "web", "--all-netns");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.stderr()).contains("--netns and --all-netns exclude each other");
    CommandResult noPid = dropdx(Map.of(), "diagnose", "--netns", "pid:99999999", "--src", "198.18.0.1");
    assertThat(noPid.exitCode()).isEqualTo(2);
    assertThat(noPid.stderr()).contains("process 99999999 does not exist");
    CommandResult noInode = dropdx(Map.of(), "diagnose", "--netns", "4026500001", "--src", "198.18.0.1");
    assertThat(noInode.exitCode()).isEqualTo(2);
    assertThat(noInode.stderr()).contains("no process holds network namespace inode 4026500001");
  }

  @Test
  void aBrokenRulesDirectoryNamesFileAndLineAndRunsNoDiagnosis(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.drl"), "package team;\nrule \"x\"\nwhen\n  Foo( a == \nthen\nend\n");
    CommandResult r = dropdx(Map.of("DROPDX_RULES_DIRS", dir.toString()), "diagnose", "--src", "198.18.0.1", "--window", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains(dir.resolve("broken.drl") + ":").contains("no diagnosis runs on broken rules");
  }

  @Test
  void twoProcessesAtOnceBothFinishAndBothAreInHistory(@TempDir Path bundles) throws Exception {
    String bundle = Path.of("src/test/resources/bundles/rp-filter.json").toAbsolutePath().toString();
    var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> call(() -> dropdx(Map.of(), "diagnose", "--replay", bundle)));
    var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> call(() -> dropdx(Map.of(), "diagnose", "--replay", bundle)));
    assertThat(a.join().exitCode()).as(a.join().stderr()).isZero();
    assertThat(b.join().exitCode()).as(b.join().stderr()).isZero();
    CommandResult history = dropdx(Map.of(), "history", "--cause", "rp-filter");
    assertThat(history.stdout()).contains("2 diagnosis(es)");
    CommandResult third = dropdx(Map.of(), "diagnose", "--replay", bundle);
    // Replaying one bundle again is no new occurrence on this host (issue 14: "11th time this week" after 11 replays).
    assertThat(third.stdout()).doesNotContain("time this week");
    // Two bundles gathered on this host are two incidents, each counted once however often it is replayed.
    String text = Files.readString(Path.of(bundle)).replace("\"hostname\": \"vm\"", "\"hostname\": \"cli-it-host\"");
    Path first = Files.writeString(bundles.resolve("first.json"), text);
    Path second = Files.writeString(bundles.resolve("second.json"), text.replace("\"raw\": \"window: 3\\n", "\"raw\": \"window: 4\\n"));
    Map<String, String> here = Map.of("DROPDX_HOSTNAME", "cli-it-host");
    assertThat(dropdx(here, "diagnose", "--replay", first.toString()).stdout()).doesNotContain("time this week");
    assertThat(dropdx(here, "diagnose", "--replay", first.toString()).stdout()).doesNotContain("time this week");
    assertThat(dropdx(here, "diagnose", "--replay", second.toString()).stdout()).contains("second time this week on this host: rp-filter");
    // history survives the processes and reproduces the trail
    CommandResult show = dropdx(Map.of(), "history", "show", "1");
    assertThat(show.stdout()).contains("Trail").contains("drop-watch").contains("rp-filter: ask for the route back to the source");
  }

  private static <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void helpIsExitZero() throws Exception {
    CommandResult r = dropdx(Map.of(), "help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("diagnose").contains("lab run");
  }
}
