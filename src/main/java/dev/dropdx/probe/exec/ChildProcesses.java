package dev.dropdx.probe.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Every process dropdx started and that is still running, so that Ctrl-C, SIGTERM and errors
 * stop exactly those (by PID) and nothing else.
 */
@Component
public class ChildProcesses {
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  public ChildProcesses() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "dropdx-stop-children"));
  }

  void add(Process process) {
    running.add(process);
  }

  void remove(Process process) {
    running.remove(process);
  }

  /** Stops a process we started, and its own children. */
  public void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    running.remove(process);
  }

  /** Stops every process still running; called on shutdown. */
  public void stopAll() {
    for (Process p : Set.copyOf(running)) {
      stop(p);
    }
  }

  /** How many of our processes are still running. */
  public int count() {
    return running.size();
  }
}
