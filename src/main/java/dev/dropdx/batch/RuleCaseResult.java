package dev.dropdx.batch;

import java.util.List;

/**
 * How one rule case went.
 *
 * @param name the case file
 * @param passed true when every expectation held
 * @param expected what the case expects
 * @param got what the rules concluded (or the error)
 * @param failures which expectations failed, or the case file's errors with file and line; empty when passed
 */
public record RuleCaseResult(String name, boolean passed, String expected, String got, List<String> failures) {

  public RuleCaseResult {
    failures = List.copyOf(failures);
  }

  /** A case that could not run (unreadable, incomplete): it fails with these reasons. */
  static RuleCaseResult broken(String name, String expected, String got, List<String> failures) {
    return new RuleCaseResult(name, false, expected, got, failures);
  }
}
