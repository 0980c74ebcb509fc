package dev.dropdx.rules;

import java.nio.file.Path;
import java.util.List;

/**
 * A check of a rule book beyond compiling it, run at every load (start, reload) and by `rules
 * validate`: whatever it returns refuses the book like a compile error. Checks are Spring beans;
 * add one beside {@link KnowledgeCrossCheck} to check more (e.g. lab scenarios naming causes).
 */
public interface RuleBookCheck {

  /**
   * @param sources every DRL file of the book, in load order
   * @param directories the rules directories they came from
   * @return problems with file and line; empty when the book is fine
   */
  List<RuleProblem> check(List<RuleSource> sources, List<Path> directories);
}
