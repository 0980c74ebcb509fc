package dev.dropdx.cli;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The exit code of the last command. Spring Shell's non-interactive runner exits 0 even when a
 * command fails, so our commands record their code here and main() exits with it.
 */
@Component
public class CommandOutcome {
  /** Built-in commands that succeed without telling us. */
  private static final Set<String> BUILT_INS = Set.of("help", "version", "clear");
  private Integer code;

  public synchronized void set(int exitCode) {
    this.code = exitCode;
  }

  /** The code to exit with; a command line no command of ours took is a usage error (parse failure). */
  public synchronized int exitCode(List<String> args) {
    if (code != null) {
      return code;
    }
    return args.isEmpty() || BUILT_INS.contains(args.get(0)) ? 0 : ExitCodes.USAGE;
  }
}
