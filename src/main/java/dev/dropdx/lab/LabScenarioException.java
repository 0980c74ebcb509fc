package dev.dropdx.lab;

import java.util.List;

/** Scenario files that cannot be used: each problem names its file and line (a usage error, exit 2). */
public class LabScenarioException extends RuntimeException {
  private final transient List<LabScenarioProblem> problems;

  public LabScenarioException(List<LabScenarioProblem> problems) {
    super("lab scenario files are invalid:\n  " + String.join("\n  ", problems.stream().map(LabScenarioProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<LabScenarioProblem> problems() {
    return problems;
  }
}
