package dev.dropdx.probe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children run in their own process group, are stopped with it, and die with dropdx even after SIGKILL. */
class ChildProcessesTest {
  private final ChildProcesses children = new ChildProcesses();
  private final CommandRunner runner = new CommandRunner(children);

  @Test
  void childrenRunInTheCLocaleWhateverTheUsersIs() {
    // The rules match the tools' English messages (e.g. ip's "No route to host").
    CommandResult r = runner.run(List.of("sh", "-c", "echo \"$LC_ALL\"; locale 2>/dev/null | grep '^LC_MESSAGES='"), Duration.ofSeconds(10));
    assertThat(r.ok()).as(r.stderr()).isTrue();
    assertThat(r.stdout()).startsWith("C\n").contains("LC_MESSAGES=\"C\"");
  }

  @Test
  void aLongRunningChildLeadsItsOwnProcessGroupAndKeepsItsPid() throws Exception {
    Process p = runner.start(List.of("sleep", "30"));
    try {
      // setsid and setpriv exec into sleep: until then (a loaded machine) the group is still ours.
      awaitComm(p.pid(), "sleep");
      assertThat(processGroup(p.pid())).isEqualTo(p.pid());
      assertThat(processGroup(p.pid())).isNotEqualTo(processGroup(ProcessHandle.current().pid()));
      assertThat(Files.readString(Path.of("/proc/" + p.pid() + "/comm")).strip()).isEqualTo("sleep");
      assertThat(children.count()).isEqualTo(1);
    } finally {
      children.stop(p);
    }
    assertThat(p.isAlive()).isFalse();
    assertThat(children.count()).isZero();
  }

  @Test
  void stoppingAChildAlsoStopsWhatItLeftBehindInItsGroup(@TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("orphan.pid");
    // The subshell exits at once, so its sleep is re-parented away from us: not a descendant any more.
    Process p = runner.start(List.of("sh", "-c", "(sleep 300 & echo $! > " + pidFile + "); exec sleep 300"));
    long orphan = waitForPid(pidFile);
    assertThat(p.descendants().anyMatch(h -> h.pid() == orphan)).as("orphan is outside the process tree").isFalse();
    children.stop(p);
    assertThat(gone(orphan)).as("orphan " + orphan + " stopped with the group").isTrue();
  }

  @Test
  void aChildDiesWhenDropdxIsKilledWithSigkill() throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ChildHolderMain.class.getName()).redirectErrorStream(true).start();
    long child;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      child = Long.parseLong(in.readLine().strip());
      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).contains(true);
      holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(gone(child)).as("child " + child + " died with its parent").isTrue();
  }

  @Test
  void aHungCommandIsKilledAtItsTimeoutAndSaysSo() {
    long t0 = System.nanoTime();
    CommandResult r = runner.run(List.of("sleep", "60"), Duration.ofMillis(500));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstError()).isEqualTo("timed out");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(10);
    assertThat(children.count()).isZero();
  }

  @Test
  void hostileArgumentsReachTheProgramAsOneArgumentEachNeverThroughAShell(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("pwned");
    List<String> hostile = List.of("; touch " + marker, "$(touch " + marker + ")", "`touch " + marker + "`", "a\ntouch " + marker, "-n");
    CommandResult r = runner.run(List.of("printf", "%s\\0", hostile.get(0), hostile.get(1), hostile.get(2), hostile.get(3), hostile.get(4)),
        Duration.ofSeconds(10));
    assertThat(r.ok()).as(r.stderr()).isTrue();
    assertThat(List.of(r.stdout().split("\0"))).containsExactlyElementsOf(hostile);
    assertThat(marker).doesNotExist();
  }

  @Test
  void aMissingProgramIsExit127WithItsName() {
    CommandResult r = runner.run(List.of("dropdx-no-such-tool"), Duration.ofSeconds(5));
    assertThat(r.exitCode()).isIn(127, 1);
    assertThat(r.ok()).isFalse();
    assertThat(r.firstError()).contains("dropdx-no-such-tool");
  }

  private static long processGroup(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
  }

  private static long waitForPid(Path file) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (Files.exists(file) && !Files.readString(file).isBlank()) {
        return Long.parseLong(Files.readString(file).strip());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no pid in " + file);
  }

  private static boolean gone(long pid) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true) || zombie(pid)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException e) {
      return true;
    }
  }

  private static void awaitComm(long pid, String comm) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.readString(Path.of("/proc/" + pid + "/comm")).strip().equals(comm) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
