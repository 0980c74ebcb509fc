package dev.dropdx.probe.exec;

import java.util.List;

/**
 * How an external command ended.
 *
 * @param command the argument list that ran
 * @param exitCode its exit code (-1 when killed at the timeout)
 * @param stdout what it printed
 * @param stderr what it complained about
 * @param timedOut true when it was killed at its timeout
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {

  public boolean ok() {
    return exitCode == 0 && !timedOut;
  }

  /** stderr's first non-blank line, trimmed, or the exit code when it said nothing. */
  public String firstError() {
    return stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
        .orElse(timedOut ? "timed out" : "exit code " + exitCode);
  }
}
