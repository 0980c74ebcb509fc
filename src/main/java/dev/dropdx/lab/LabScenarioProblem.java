package dev.dropdx.lab;

import java.nio.file.Path;

/**
 * Something wrong in a scenario file, where it is.
 *
 * @param file the scenario file
 * @param line its line (1 when the whole file is meant)
 * @param message what is wrong
 */
public record LabScenarioProblem(Path file, int line, String message) {

  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
