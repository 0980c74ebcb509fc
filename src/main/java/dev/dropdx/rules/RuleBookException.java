package dev.dropdx.rules;

import java.util.List;
import java.util.stream.Collectors;

/** The rules could not be loaded; no diagnosis runs on broken rules. */
public class RuleBookException extends RuntimeException {
  private final List<RuleProblem> problems;

  public RuleBookException(String message, List<RuleProblem> problems) {
    super(message + (problems.isEmpty() ? "" : ":\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"))));
    this.problems = List.copyOf(problems);
  }

  public List<RuleProblem> problems() {
    return problems;
  }
}
