package dev.dropdx.probe.exec;

import java.util.List;

/**
 * A stand-in for dropdx in {@link ChildProcessesTest}: starts a long-running child through
 * {@link CommandRunner#start}, prints its PID, and waits to be killed.
 */
public final class ChildHolderMain {
  private ChildHolderMain() {}

  public static void main(String[] args) throws Exception {
    Process child = new CommandRunner(new ChildProcesses()).start(List.of("sleep", "300"));
    System.out.println(child.pid());
    System.out.flush();
    Thread.sleep(300_000);
  }
}
