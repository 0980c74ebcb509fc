package dev.dropdx.batch;

import java.util.List;

/**
 * One bundle's (or one fleet host's) outcome in a batch: a verdict, or the reason there is none.
 *
 * @param host the host the evidence came from (the bundle's hostname, or the host of a status file)
 * @param file the bundle or status file, null for a listed host with neither
 * @param verdict diagnosed, inconclusive, no-drops, error (unreadable bundle), or a host status:
 *     unreachable, no-root, timeout, failed, missing
 * @param causes proven causes, most likely first
 * @param exitCode the exit code this bundle alone would give (1 for a host dropdx could not run on)
 * @param error why it could not be diagnosed, else null
 */
public record BatchResult(String host, String file, String verdict, List<String> causes, int exitCode, String error) {

  /** Exit code of a host where dropdx could not run (unreachable, no root, timed out, failed, missing). */
  public static final int HOST_NOT_DIAGNOSED = 1;

  public BatchResult {
    causes = causes == null ? List.of() : List.copyOf(causes);
  }

  /** A host with no bundle, as its status file (or its absence) says. */
  static BatchResult ofHost(String host, String file, String status, String message) {
    return new BatchResult(host, file, status, List.of(), HOST_NOT_DIAGNOSED, host + ": " + status + ": " + message);
  }

  /** What a fleet report groups hosts by: the most likely cause, else the verdict (no-drops, unreachable, ...). */
  public String group() {
    return causes.isEmpty() ? verdict : causes.get(0);
  }

  /** How bad an exit code is for a batch: cannot run, bad input, inconclusive, no drops, diagnosed. */
  public static int severity(int exitCode) {
    return switch (exitCode) {
      case 0 -> 0;
      case 4 -> 1;
      case 3 -> 2;
      case 2 -> 3;
      default -> 4;
    };
  }
}
