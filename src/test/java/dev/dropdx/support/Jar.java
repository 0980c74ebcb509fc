package dev.dropdx.support;

import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar as a runbook would (optionally behind a prefix such as setpriv), with its own history. */
public final class Jar {
  private Jar() {}

  /**
   * Runs {@code java -jar target/dropdx.jar ARGS}.
   *
   * @param prefix commands before java (e.g. setpriv ... to drop root), may be empty
   * @param dataDir the history directory (never the user's own)
   * @param env more environment variables
   */
  public static CommandResult run(List<String> prefix, Path dataDir, Map<String, String> env, String... args) throws Exception {
    return runIn(null, prefix, dataDir, env, args);
  }

  /** As {@link #run}, in {@code workDir} (relative file names in ARGS resolve there); null = this process's. */
  public static CommandResult runIn(Path workDir, List<String> prefix, Path dataDir, Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/dropdx.jar").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().put("DROPDX_DATA_DIR", dataDir.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    var out = CommandRunner.drain(p.getInputStream());
    var err = CommandRunner.drain(p.getErrorStream());
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    return new CommandResult(cmd, done ? p.exitValue() : -1, out.join(), err.join(), !done);
  }
}
