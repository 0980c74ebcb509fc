package dev.dropdx.bundle;

import java.util.List;

/**
 * One bundle's outcome in a batch: a verdict, or the reason it could not be read.
 *
 * @param file the bundle file
 * @param verdict diagnosed, inconclusive, no-drops, or error
 * @param causes proven causes, most likely first
 * @param exitCode the exit code this bundle alone would give
 * @param error why it could not be diagnosed, else null
 */
public record BatchResult(String file, String verdict, List<String> causes, int exitCode, String error) {

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
