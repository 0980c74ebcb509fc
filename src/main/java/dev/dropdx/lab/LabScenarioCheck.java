package dev.dropdx.lab;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.knowledge.CauseEntry;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.knowledge.KnowledgeBaseException;
import dev.dropdx.rules.RuleBookCheck;
import dev.dropdx.rules.RuleProblem;
import dev.dropdx.rules.RuleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks, at every rule load and in `rules validate`, that each lab scenario file is valid and names
 * causes the knowledge base knows (built-in entries plus each rules directory's own
 * {@code knowledge-base/}), so a scenario for a cause that does not exist fails before a lab run.
 */
@Component
public class LabScenarioCheck implements RuleBookCheck {
  private final Path knowledgeBase;
  private final JsonMapper json;

  @Autowired
  public LabScenarioCheck(DropdxPaths paths, JsonMapper json) {
    this(paths.knowledgeBase(), json);
  }

  /** @param knowledgeBase the main knowledge-base directory; its {@code lab/} holds the scenarios */
  public LabScenarioCheck(Path knowledgeBase, JsonMapper json) {
    this.knowledgeBase = knowledgeBase;
    this.json = json;
  }

  /** It reads the knowledge base (its entries and lab/) and the rules directories' own. */
  @Override
  public Optional<Inputs> inputs(List<Path> directories) {
    return Optional.of(new Inputs(List.of(knowledgeBase), List.of()));
  }

  @Override
  public List<RuleProblem> check(List<RuleSource> sources, List<Path> directories) {
    Path lab = knowledgeBase.resolve("lab");
    if (!Files.isDirectory(lab)) {
      return List.of();
    }
    Set<String> known;
    try {
      List<Path> teams = directories.stream().map(d -> d.resolve("knowledge-base")).filter(Files::isDirectory).toList();
      known = KnowledgeBase.load(knowledgeBase, teams, json).all().stream().map(CauseEntry::id).collect(Collectors.toSet());
    } catch (KnowledgeBaseException e) {
      // The knowledge cross-check reports an unreadable knowledge base; nothing to compare against here.
      return List.of();
    }
    return LabScenarioCatalog.problems(lab, json, known).stream()
        .map(p -> new RuleProblem(p.file().toString(), p.line(), p.message()))
        .toList();
  }
}
