package dev.dropdx.probe.exec;

import java.util.List;

/**
 * A command's result as text for evidence bundles, and back: the command line, the exit code,
 * stdout, then stderr after a separator line.
 */
public final class RawCommand {
  private static final String STDERR = "\n--- stderr ---\n";

  private RawCommand() {}

  public static String encode(CommandResult r) {
    return "$ " + String.join(" ", r.command()) + "\nexit " + r.exitCode() + (r.timedOut() ? " timeout" : "") + "\n"
        + r.stdout() + STDERR + r.stderr();
  }

  /** Reads what {@link #encode} wrote; text of another shape becomes a failed result with it as stderr. */
  public static CommandResult decode(String raw) {
    String[] head = raw.split("\n", 3);
    if (head.length < 3 || !head[0].startsWith("$ ") || !head[1].startsWith("exit ")) {
      return new CommandResult(List.of("?"), -1, "", "unreadable recorded output", false);
    }
    String[] exit = head[1].split(" ");
    int code;
    try {
      code = Integer.parseInt(exit[1]);
    } catch (NumberFormatException e) {
      code = -1;
    }
    String body = head[2];
    int sep = body.lastIndexOf(STDERR);
    String out = sep < 0 ? body : body.substring(0, sep);
    String err = sep < 0 ? "" : body.substring(sep + STDERR.length());
    return new CommandResult(List.of(head[0].substring(2).split(" ")), code, out, err, exit.length > 2);
  }
}
