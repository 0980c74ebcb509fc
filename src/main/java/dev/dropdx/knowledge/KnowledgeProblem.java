package dev.dropdx.knowledge;

/**
 * Something wrong in a knowledge-base file, found when it is checked.
 *
 * @param file the JSON file
 * @param line 1-based line of the offending text, 0 when unknown
 * @param message what is wrong
 */
public record KnowledgeProblem(String file, int line, String message) {

  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
