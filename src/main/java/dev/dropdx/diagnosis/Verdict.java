package dev.dropdx.diagnosis;

import java.util.Locale;

/** How a diagnosis ended; each has its batch exit code. */
public enum Verdict {
  /** A rule proved a cause. */
  DIAGNOSED(0),
  /** The target's packets were dropped but no rule proved why. */
  INCONCLUSIVE(3),
  /** No drop of the target's packets was seen in the window. */
  NO_DROPS(4);

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The JSON spelling: diagnosed, inconclusive, no-drops. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
