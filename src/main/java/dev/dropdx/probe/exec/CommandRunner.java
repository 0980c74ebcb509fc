package dev.dropdx.probe.exec;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Runs external commands from argument lists (never through a shell), each with a timeout. Every
 * child runs in its own session and process group ({@code setsid}) and gets SIGKILL when dropdx
 * dies, even by SIGKILL ({@code setpriv --pdeathsig KILL}); both are util-linux and do not fork, so
 * the child keeps the PID we track. Without them the command runs as is.
 */
@Component
public class CommandRunner {
  private static final List<String> GUARD = guardPrefix();
  /** A namespace held by a process: {@code pid:N} (see {@link #inNetns}). */
  private static final String PID_PREFIX = "pid:";
  /** The Debian package of each tool dropdx runs, for "not installed" messages. */
  private static final java.util.Map<String, String> PACKAGES = java.util.Map.ofEntries(
      java.util.Map.entry("ip", "iproute2"), java.util.Map.entry("ss", "iproute2"), java.util.Map.entry("nstat", "iproute2"),
      java.util.Map.entry("bpftrace", "bpftrace"), java.util.Map.entry("tcpdump", "tcpdump"), java.util.Map.entry("stap", "systemtap"),
      java.util.Map.entry("dropwatch", "dropwatch"), java.util.Map.entry("iptables-save", "iptables"), java.util.Map.entry("nft", "nftables"),
      java.util.Map.entry("python3", "python3"), java.util.Map.entry("ping", "iputils-ping"), java.util.Map.entry("sysctl", "procps"),
      java.util.Map.entry("mount", "mount"), java.util.Map.entry("kill", "procps"),
      java.util.Map.entry("nsenter", "util-linux"), java.util.Map.entry("unshare", "util-linux"));
  private final ChildProcesses children;

  public CommandRunner(ChildProcesses children) {
    this.children = children;
  }

  /** Runs a command to its end or its timeout. A missing program is an exit code 127 result. */
  public CommandResult run(List<String> command, Duration timeout) {
    Process process;
    try {
      process = launch(command, false);
    } catch (IOException e) {
      return new CommandResult(command, 127, "", "cannot run " + command.get(0) + ": " + e.getMessage(), false);
    }
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

  /**
   * Runs a read twice, {@code seconds} apart, inside a namespace, to see which counters still rise;
   * when the first read fails the second is the same result (nothing to compare).
   *
   * @return the first and the second result
   */
  public List<CommandResult> runTwiceIn(String netns, List<String> command, double seconds, Duration timeout) {
    CommandResult first = runIn(netns, command, timeout);
    if (!first.ok()) {
      return List.of(first, first);
    }
    try {
      Thread.sleep((long) (seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of(first, runIn(netns, command, timeout));
  }

  /**
   * Prefixes a command so it runs inside a namespace: {@code ip netns exec NAME} for a named one,
   * {@code nsenter --net=/proc/N/ns/net} for {@code pid:N} (an unnamed namespace, e.g. a
   * container's, entered through a process inside it; /proc/net and /proc/sys/net then show that
   * namespace, /sys/class/net does not). Empty: here.
   */
  public static List<String> inNetns(String netns, List<String> command) {
    if (netns == null || netns.isEmpty()) {
      return command;
    }
    List<String> full = new ArrayList<>(namespacePrefix(netns));
    full.addAll(command);
    return full;
  }

  /** The words that run a command inside a namespace id (a name or pid:N); empty for dropdx's own. */
  public static List<String> namespacePrefix(String netns) {
    if (netns == null || netns.isEmpty()) {
      return List.of();
    }
    if (netns.startsWith(PID_PREFIX)) {
      String pid = netns.substring(PID_PREFIX.length());
      if (!pid.matches("[1-9][0-9]{0,9}")) {
        throw new IllegalArgumentException("not a namespace id: " + netns);
      }
      return List.of("nsenter", "--net=/proc/" + pid + "/ns/net", "--");
    }
    return List.of("ip", "netns", "exec", netns);
  }

  /**
   * Starts a long-running child (bpftrace, tcpdump, stap, dropwatch, lab traffic) with stdin from
   * /dev/null; the caller stops it with {@link ChildProcesses#stop}, and shutdown stops it too.
   */
  public Process start(List<String> command) {
    return startChild(command, false);
  }

  /**
   * Starts a long-running child; with {@code interactive} its stdin is a pipe the caller writes to
   * (dropwatch takes commands). Throws {@link UncheckedIOException} when the program cannot run.
   */
  public Process startChild(List<String> command, boolean interactive) {
    try {
      return launch(command, interactive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  private Process launch(List<String> command, boolean interactive) throws IOException {
    String missing = missing(command.get(0));
    if (missing != null) {
      throw new IOException(missing);
    }
    List<String> full = new ArrayList<>(GUARD);
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full);
    // The rules read the tools' own words (ip's "No route to host", ss and nstat headers): a user's
    // translated locale would turn them into text no rule matches.
    pb.environment().put("LC_ALL", "C");
    if (!interactive) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process p = pb.start();
    children.add(p, !GUARD.isEmpty());
    return p;
  }

  /** Why a program cannot be found on PATH, with the package that has it; null when it is there. */
  public static String missing(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program)) ? null : program + " does not exist or is not executable";
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return null;
      }
    }
    String pkg = PACKAGES.get(program);
    return program + " is not installed or not on PATH" + (pkg == null ? "" : " (Debian: apt-get install " + pkg + ")");
  }

  /** The argument list that puts a child in its own session and ties its life to ours. */
  static List<String> guardPrefix() {
    String setsid = find("setsid");
    String setpriv = find("setpriv");
    if (setsid == null || setpriv == null) {
      return List.of();
    }
    return List.of(setsid, setpriv, "--pdeathsig", "KILL", "--");
  }

  private static String find(String tool) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
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
