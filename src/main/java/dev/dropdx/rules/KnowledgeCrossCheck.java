package dev.dropdx.rules;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.knowledge.CauseEntry;
import dev.dropdx.knowledge.CauseTemplates;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.knowledge.KnowledgeBaseException;
import dev.dropdx.knowledge.KnowledgeProblem;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.team.TeamProbeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that the rules and the knowledge base agree, and that the rules ask for real probes:
 *
 * <ul>
 *   <li>each cause a rule concludes has a knowledge-base entry;
 *   <li>each rule that concludes a cause binds exactly the names its entry declares (read from the
 *       DRL: the {@code put("name", ...)} keys of the function that builds the bindings, and of the
 *       functions it calls, e.g. for item lists);
 *   <li>every placeholder of every entry is a declared binding, a global or a choice
 *       ({@link CauseTemplates#check});
 *   <li>each probe a rule asks for ({@code ProbeRequest.of("name", ...)}) is in the probe catalog
 *       or declared by one of the directories' {@code probes.json} ({@code "team:NAME"}).
 * </ul>
 *
 * The knowledge base checked is the configured one plus each rules directory's own
 * {@code knowledge-base/} (team entries), as diagnoses see it.
 */
@Component
public class KnowledgeCrossCheck implements RuleBookCheck {
  private final Path knowledgeBase;
  private final JsonMapper json;
  private final Supplier<Set<String>> probeIds;

  @Autowired
  public KnowledgeCrossCheck(DropdxPaths paths, JsonMapper json, ProbeCatalog probes) {
    this(paths.knowledgeBase(), json, probes::ids);
  }

  /**
   * @param knowledgeBase the main knowledge-base directory
   * @param probeIds the probes this build has
   */
  public KnowledgeCrossCheck(Path knowledgeBase, JsonMapper json, Supplier<Set<String>> probeIds) {
    this.knowledgeBase = knowledgeBase;
    this.json = json;
    this.probeIds = probeIds;
  }

  /** It reads the knowledge base, the rules directories (team entries and probes) and this build's probe ids. */
  @Override
  public Optional<Inputs> inputs(List<Path> directories) {
    return Optional.of(new Inputs(List.of(knowledgeBase), List.of(String.join(",", probeIds.get()))));
  }

  @Override
  public List<RuleProblem> check(List<RuleSource> sources, List<Path> directories) {
    List<RuleProblem> problems = new ArrayList<>();
    KnowledgeBase kb;
    try {
      List<Path> teams = directories.stream().map(d -> d.resolve("knowledge-base")).filter(Files::isDirectory)
          .filter(d -> !d.toAbsolutePath().normalize().equals(knowledgeBase.toAbsolutePath().normalize())).toList();
      kb = KnowledgeBase.load(knowledgeBase, teams, json);
    } catch (KnowledgeBaseException e) {
      if (e.problems().isEmpty()) {
        return List.of(new RuleProblem(knowledgeBase.toString(), 0, e.getMessage()));
      }
      return e.problems().stream().map(p -> new RuleProblem(p.file(), p.line(), p.message())).toList();
    }
    for (KnowledgeProblem p : kb.templateProblems()) {
      problems.add(new RuleProblem(p.file(), p.line(), p.message()));
    }
    // Functions are per Drools package, which may span files (a cause's reasons.drl and oldkernel.drl).
    Map<String, DrlOutline> outlines = new HashMap<>();
    Map<String, Map<String, DrlOutline.Function>> functionsOf = new HashMap<>();
    for (RuleSource s : sources) {
      DrlOutline o = new DrlOutline(s.text());
      outlines.put(s.file().toString(), o);
      functionsOf.computeIfAbsent(s.dirIndex() + " " + o.packageName, k -> new HashMap<>()).putAll(o.functions);
    }
    // A team directory's own probes (probes.json; the loader judges the file itself) count as well.
    Set<String> probes = new TreeSet<>(probeIds.get());
    probes.addAll(TeamProbeFile.declaredIds(directories));
    for (RuleSource s : sources) {
      String file = s.file().toString();
      DrlOutline o = outlines.get(file);
      Map<String, DrlOutline.Function> functions = functionsOf.get(s.dirIndex() + " " + o.packageName);
      for (DrlOutline.Conclusion c : o.conclusions) {
        checkConclusion(c, file, functions, kb, problems);
      }
      for (DrlOutline.Ask a : o.asks) {
        if (!probes.contains(a.probe())) {
          problems.add(new RuleProblem(file, a.line(), "rule \"" + a.rule() + "\" asks for probe \"" + a.probe()
              + "\", which is not in the probe catalog " + new TreeSet<>(probes)));
        }
      }
    }
    return problems;
  }

  private static void checkConclusion(DrlOutline.Conclusion c, String file, Map<String, DrlOutline.Function> functions,
      KnowledgeBase kb, List<RuleProblem> problems) {
    CauseEntry entry = kb.find(c.cause()).orElse(null);
    if (entry == null) {
      problems.add(new RuleProblem(file, c.line(), "rule \"" + c.rule() + "\" concludes cause \"" + c.cause()
          + "\", which has no knowledge-base entry (knowledge-base/" + c.cause() + ".json)"));
      return;
    }
    if (c.bindingsFunction() == null || !functions.containsKey(c.bindingsFunction())) {
      problems.add(new RuleProblem(file, c.line(), "rule \"" + c.rule() + "\" concludes \"" + c.cause()
          + "\" with bindings dropdx cannot read: build them in a DRL function of this package with literal keys (m.put(\"name\", value))"));
      return;
    }
    Set<String> bound = keysOf(c.bindingsFunction(), functions, new LinkedHashSet<>());
    Set<String> declared = new LinkedHashSet<>(CauseTemplates.boundNames(entry));
    entry.items().values().forEach(declared::addAll);
    String where = kb.fileOf(c.cause()).orElse("knowledge-base/" + c.cause() + ".json");
    Set<String> missing = new TreeSet<>(declared);
    missing.removeAll(bound);
    Set<String> extra = new TreeSet<>(bound);
    extra.removeAll(declared);
    if (!missing.isEmpty()) {
      problems.add(new RuleProblem(file, c.line(), "rule \"" + c.rule() + "\" does not bind " + missing + ", which " + where
          + " declares in \"bindings\" or \"items\" (" + c.bindingsFunction() + "() puts " + bound + ")"));
    }
    if (!extra.isEmpty()) {
      problems.add(new RuleProblem(file, c.line(), "rule \"" + c.rule() + "\" binds " + extra + ", which " + where
          + " does not declare: add them to its \"bindings\" (or \"items\") or stop binding them"));
    }
  }

  /** The keys a function puts, and those of the package functions it calls (item lists). */
  private static Set<String> keysOf(String name, Map<String, DrlOutline.Function> functions, Set<String> seen) {
    Set<String> keys = new LinkedHashSet<>();
    DrlOutline.Function f = functions.get(name);
    if (f == null || !seen.add(name)) {
      return keys;
    }
    keys.addAll(f.keys());
    for (String called : f.calls()) {
      if (functions.containsKey(called)) {
        keys.addAll(keysOf(called, functions, seen));
      }
    }
    return keys;
  }
}
