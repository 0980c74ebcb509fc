package dev.dropdx.probe.exec;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Every process dropdx started and that is still running, so that Ctrl-C, SIGTERM and errors
 * stop exactly those (by PID, and by their own process group when they have one) and nothing else.
 */
@Component
public class ChildProcesses {
  /** Each running child and whether it leads a process group of its own (started through setsid). */
  private final Map<Process, Boolean> running = new ConcurrentHashMap<>();

  public ChildProcesses() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "dropdx-stop-children"));
  }

  void add(Process process, boolean ownGroup) {
    running.put(process, ownGroup);
  }

  void remove(Process process) {
    running.remove(process);
  }

  /** Stops a process we started, its own children and, when it leads one, its process group. */
  public void stop(Process process) {
    boolean group = Boolean.TRUE.equals(running.get(process));
    signalGroup(process, group, "TERM");
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        signalGroup(process, group, "KILL");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    running.remove(process);
  }

  /** kill(2) on the child's process group: Java has no killpg, /bin/kill does (`kill -s SIG -- -PGID`). */
  private static void signalGroup(Process process, boolean group, String signal) {
    if (!group || !process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + process.pid())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(2, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no kill(1): the PID and its descendants are still stopped one by one
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every process still running; called on shutdown. */
  public void stopAll() {
    for (Process p : java.util.Set.copyOf(running.keySet())) {
      stop(p);
    }
  }

  /** How many of our processes are still running. */
  public int count() {
    return running.size();
  }
}
