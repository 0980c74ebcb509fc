package dev.dropdx.probe.tracefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instance bookkeeping on a stand-in tracefs directory (instance directories are plain directories
 * there): stale instances of dead processes go, live ones and other tools' instances stay.
 */
class TracefsInstancesTest {
  private final TracefsInstances instances = new TracefsInstances();

  @Test
  void staleInstancesOfDeadProcessesAreRemovedAndNothingElse(@TempDir Path tracefs) throws Exception {
    Path dir = Files.createDirectories(tracefs.resolve("instances"));
    long dead = deadPid();
    Path stale = Files.createDirectory(dir.resolve("dropdx-" + dead + "-1"));
    Path live = Files.createDirectory(dir.resolve("dropdx-" + ProcessHandle.current().pid() + "-99"));
    Path foreign = Files.createDirectory(dir.resolve("perf-" + dead));
    Path lookalike = Files.createDirectory(dir.resolve("dropdx-notapid"));

    assertThat(instances.removeStale(tracefs)).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
    assertThat(foreign).exists();
    assertThat(lookalike).exists();
  }

  @Test
  void creatingAnInstanceFirstClearsStaleOnesAndClosingRemovesIt(@TempDir Path tracefs) throws Exception {
    Path dir = Files.createDirectories(tracefs.resolve("instances"));
    Path stale = Files.createDirectory(dir.resolve("dropdx-" + deadPid() + "-3"));
    TracefsInstance instance = instances.create(tracefs);
    assertThat(stale).doesNotExist();
    assertThat(instance.dir().getFileName().toString()).startsWith("dropdx-" + ProcessHandle.current().pid() + "-");
    assertThat(instances.openCount()).isEqualTo(1);
    instance.close();
    instance.close();
    assertThat(instance.dir()).doesNotExist();
    assertThat(instances.openCount()).isZero();
  }

  /** A PID no process has: one of a process that ran and ended. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long pid = p.pid();
    assertThat(ProcessHandle.of(pid)).isEmpty();
    return pid;
  }
}
