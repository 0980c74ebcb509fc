package dev.dropdx.rules;

/**
 * A compile error in a rule file.
 *
 * @param file the DRL file on disk
 * @param line 1-based line, 0 when the compiler gave none
 * @param message the compiler's words
 */
public record RuleProblem(String file, int line, String message) {

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
