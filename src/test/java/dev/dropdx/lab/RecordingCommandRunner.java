package dev.dropdx.lab;

import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command runner that runs nothing: it records every command a scenario would run (and every
 * child it would start) so that a scenario's set-up can be compared command by command. `ip link
 * show` answers with a fixed MAC address; every other command succeeds silently.
 */
final class RecordingCommandRunner extends CommandRunner {
  static final String MAC = "02:00:5e:00:00:01";
  /** The PID every started child has here (a container's holder included). */
  static final long RECORDED_PID = 4242;
  private final List<List<String>> commands = new ArrayList<>();

  RecordingCommandRunner(ChildProcesses children) {
    super(children);
  }

  @Override
  public synchronized CommandResult run(List<String> command, Duration timeout) {
    commands.add(normalise("run", command));
    String out = command.contains("link") && command.contains("show") ? "2: x@if3: <UP> link/ether " + MAC + " brd ff:ff:ff:ff:ff:ff" : "";
    return new CommandResult(command, 0, out, "", false);
  }

  @Override
  public synchronized Process start(List<String> command) {
    commands.add(normalise("start", command));
    return new Finished();
  }

  synchronized List<List<String>> commands() {
    return List.copyOf(commands);
  }

  /** The packet tool's source and temp file names are the same for every run: replace them by markers. */
  private static List<String> normalise(String how, List<String> command) {
    List<String> out = new ArrayList<>(List.of(how));
    for (String arg : command) {
      if (arg.startsWith("# dropdx lab traffic")) {
        out.add("<packets.py>");
      } else {
        out.add(arg.replaceAll("^/tmp/dropdx-lab-[a-z]+-\\d+\\.nft$", "<input-file>").replaceAll("^/tmp/dropdx-lab-input-\\d+$", "<input-file>"));
      }
    }
    return out;
  }

  /** A child that has already ended. */
  private static final class Finished extends Process {
    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public InputStream getErrorStream() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public int waitFor() {
      return 0;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) {
      return true;
    }

    @Override
    public int exitValue() {
      return 0;
    }

    @Override
    public void destroy() {
      // nothing runs
    }

    @Override
    public boolean isAlive() {
      return false;
    }

    /** A fixed PID, so a container's namespace (pid:N) is the same in every recorded run. */
    @Override
    public long pid() {
      return RECORDED_PID;
    }

    @Override
    public Stream<ProcessHandle> descendants() {
      return Stream.empty();
    }
  }
}
