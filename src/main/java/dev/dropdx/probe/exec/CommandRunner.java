package dev.dropdx.probe.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Runs external commands from argument lists (never through a shell), each with a timeout. */
@Component
public class CommandRunner {
  private final ChildProcesses children;

  public CommandRunner(ChildProcesses children) {
    this.children = children;
  }

  /** Runs a command to its end or its timeout. A missing program is an exit code 127 result. */
  public CommandResult run(List<String> command, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      return new CommandResult(command, 127, "", "cannot run " + command.get(0) + ": " + e.getMessage(), false);
    }
    children.add(process);
    try {
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        children.stop(process);
      }
      return new CommandResult(command, finished ? process.exitValue() : -1, out.join(), err.join(), !finished);
    } catch (InterruptedException e) {
      children.stop(process);
      Thread.currentThread().interrupt();
      return new CommandResult(command, -1, "", "interrupted", true);
    } finally {
      children.remove(process);
    }
  }

  /** Runs a command inside a network namespace (through `ip netns exec`), or here when ns is empty. */
  public CommandResult runIn(String netns, List<String> command, Duration timeout) {
    return run(inNetns(netns, command), timeout);
  }

  /** Prefixes a command so it runs inside a namespace. */
  public static List<String> inNetns(String netns, List<String> command) {
    if (netns == null || netns.isEmpty()) {
      return command;
    }
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    full.addAll(command);
    return full;
  }

  /** Starts a long-running command; the caller stops it with {@link ChildProcesses#stop}. */
  public Process start(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      children.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    }
  }

  /** Reads a stream to its end on another thread, so a chatty child never blocks. */
  public static CompletableFuture<String> drain(InputStream in) {
    return drain(in, new StringBuffer());
  }

  /**
   * Reads a stream to its end on another thread, appending to {@code sofar} as text arrives (for a
   * caller that watches the output while the child runs); completes with the whole text.
   */
  public static CompletableFuture<String> drain(InputStream in, StringBuffer sofar) {
    // A thread of its own: the common pool has one thread on a 2-core host and would serialise reads.
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (java.io.Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
        char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) >= 0; ) {
          sofar.append(buf, 0, n);
        }
      } catch (IOException e) {
        // the child went away: what was read stands
      }
      text.complete(sofar.toString());
    }, "dropdx-drain");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
