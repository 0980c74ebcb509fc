package dev.dropdx.rules;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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

  /**
   * Everything the check's verdict depends on besides the DRL sources, the rules directories'
   * files and this build's code, so a pass can be remembered ({@link RuleBookCheckMemo}) instead
   * of checking again at every start. Empty (the default): not remembered, run at every load.
   *
   * @param directories the rules directories of the book
   */
  default Optional<Inputs> inputs(List<Path> directories) {
    return Optional.empty();
  }

  /**
   * What a check reads.
   *
   * @param paths files and directories it reads (a directory: every file under it, by content)
   * @param values anything else it compares against (e.g. the ids of this build's probes)
   */
  record Inputs(List<Path> paths, List<String> values) {
    public Inputs {
      paths = List.copyOf(paths);
      values = List.copyOf(values);
    }
  }
}
