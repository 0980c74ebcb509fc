package dev.dropdx.cli;

import dev.dropdx.batch.RuleCases;
import dev.dropdx.config.DropdxPaths;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.probe.host.HostFactsDetector;
import dev.dropdx.probe.team.TeamProbeFile;
import dev.dropdx.probe.team.TeamProbes;
import dev.dropdx.rules.FactCatalog;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookProvider;
import dev.dropdx.rules.RuleInfo;
import dev.dropdx.trust.PathTrust;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * `rules list`, `validate`, `test`, `facts` and `probes`: what the rule book holds, whether a directory
 * compiles and passes its cases, and what rules can match and ask for.
 */
@Component
public class RulesCommands {
  private final RuleBookProvider rules;
  private final CommandGuard guard;
  private final DropdxPaths paths;
  private final RuleCases ruleCases;
  private final FactCatalog facts;
  private final ProbeCatalog probes;
  private final TeamProbes teamProbes;
  private final PathTrust trust;
  private final HostFactsDetector host;
  private final JsonMapper json;

  public RulesCommands(RuleBookProvider rules, CommandGuard guard, DropdxPaths paths, RuleCases ruleCases, FactCatalog facts,
      ProbeCatalog probes, TeamProbes teamProbes, PathTrust trust, HostFactsDetector host, JsonMapper json) {
    this.host = host;
    this.json = json;
    this.teamProbes = teamProbes;
    this.trust = trust;
    this.facts = facts;
    this.probes = probes;
    this.ruleCases = ruleCases;
    this.rules = rules;
    this.guard = guard;
    this.paths = paths;
  }

  @Command(name = {"rules", "list"}, group = "Rules", description = "List the loaded rules: name and file")
  public void list(CommandContext ctx) {
    guard.run(ctx.outputWriter(), () -> {
      PrintWriter out = ctx.outputWriter();
      RuleBook book = rules.get();
      for (RuleInfo r : book.rules()) {
        out.printf("%-80s %s%n", r.name(), r.file());
      }
      out.println(book.rules().size() + " rules from " + book.directories());
      return 0;
    });
  }

  @Command(name = {"rules", "facts"}, group = "Rules",
      description = "Every fact type rules can match: fields, types, meaning and an example value (docs/facts.md is a copy)")
  public void facts(CommandContext ctx) {
    guard.run(ctx.outputWriter(), () -> {
      ctx.outputWriter().print(ReferenceRenderer.facts(facts.types()));
      return 0;
    });
  }

  @Command(name = {"rules", "probes"}, group = "Rules",
      description = "Every probe rules can ask for: parameters, what it answers, its facts and backends (docs/probes.md is a copy of the built-in ones); with team directories configured (--rules DIR), their team probes (probes.json) too",
      help = "--format json lists the same as a JSON array, each probe with whether this host can run it (available, unavailable: why not)")
  public void probes(CommandContext ctx,
      @Option(longName = "format", description = "text, or json (with each probe's availability on this host)", defaultValue = "text") String format) {
    guard.run(ctx.outputWriter(), () -> {
      boolean asJson = switch (format == null ? "text" : format) {
        case "text" -> false;
        case "json" -> true;
        default -> throw new dev.dropdx.cli.UsageException("--format must be text or json, not " + format);
      };
      TeamProbeFile.Loaded team = TeamProbeFile.load(paths.rulesDirs(), trust);
      if (!team.problems().isEmpty()) {
        throw new dev.dropdx.rules.RuleBookException("the team probe files are refused",
            team.problems().stream().map(p -> new dev.dropdx.rules.RuleProblem(p.file(), p.line(), p.message())).toList());
      }
      ProbeCatalog all = teamProbes.catalog(probes, team.probes());
      if (asJson) {
        ctx.outputWriter().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(ProbeListing.of(all, host.detect())));
      } else {
        ctx.outputWriter().print(ReferenceRenderer.probes(probeInfos(all)));
      }
      return 0;
    });
  }

  /** Each probe's info, by id. */
  static java.util.Map<String, ProbeInfo> probeInfos(ProbeCatalog catalog) {
    java.util.Map<String, ProbeInfo> out = new java.util.LinkedHashMap<>();
    for (String id : catalog.ids()) {
      out.put(id, catalog.find(id).orElseThrow().info());
    }
    return out;
  }

  @Command(name = {"rules", "validate"}, group = "Rules",
      description = "Compile a rules directory (default: the configured ones), cross-check it with the knowledge base and the probes, and report errors with file and line")
  public void validate(CommandContext ctx, @Argument(index = 0, description = "rules directory", defaultValue = "") String dir) {
    guard.run(ctx.outputWriter(), () -> {
      List<Path> dirs = dir == null || dir.isBlank() ? paths.rulesDirs() : List.of(paths.resolve(OptionValues.path("rules validate DIR", dir).toString()));
      RuleBook book = rules.compile(dirs);
      ctx.outputWriter().println("OK: " + book.rules().size() + " rules compile in " + dirs
          + ", and agree with the knowledge base and the probe catalog");
      return 0;
    });
  }

  @Command(name = {"rules", "reload"}, group = "Rules",
      description = "Compile the rules directories again; on errors the last good rules stay active")
  public void reload(CommandContext ctx) {
    guard.run(ctx.outputWriter(), () -> {
      try {
        RuleBook book = rules.reload();
        ctx.outputWriter().println("reloaded: " + book.rules().size() + " rules from " + book.directories());
        return 0;
      } catch (dev.dropdx.rules.RuleBookException e) {
        throw new dev.dropdx.rules.RuleBookException("reload failed, the previous rules stay active", e.problems());
      }
    });
  }

  @Command(name = {"rules", "test"}, group = "Rules",
      description = "Run a team's rule cases (*.case.json: a bundle, the expected verdict, the causes that must and must not be proven) against the rules plus DIR",
      help = "Exit 0 when every case passes, 3 when any fails. Example: rules test examples/team-mark-policy")
  public void test(CommandContext ctx, @Argument(index = 0, description = "directory with the team's rules and cases") String dir) {
    guard.run(ctx.outputWriter(), () -> {
      if (dir == null || dir.isBlank()) {
        throw new dev.dropdx.cli.UsageException("rules test needs the directory of your rules and cases, e.g. rules test examples/team-mark-policy");
      }
      Path teamDir = paths.resolve(OptionValues.path("rules test DIR", dir).toString());
      List<Path> dirs = new java.util.ArrayList<>(paths.rulesDirs());
      if (!dirs.contains(teamDir)) {
        dirs.add(teamDir);
      }
      RuleBook book = rules.compile(dirs);
      List<Path> cases = ruleCases.find(teamDir);
      if (cases.isEmpty()) {
        throw new dev.dropdx.cli.UsageException("no *.case.json files under " + teamDir);
      }
      PrintWriter out = ctx.outputWriter();
      int failed = 0;
      for (var r : ruleCases.run(book, cases)) {
        out.printf("%s  %-40s expected %-36s got %s%n", r.passed() ? "PASS" : "FAIL", r.name(), r.expected(), r.got());
        r.failures().forEach(f -> out.println("      " + f));
        failed += r.passed() ? 0 : 1;
      }
      out.println((cases.size() - failed) + " passed, " + failed + " failed");
      return failed == 0 ? 0 : ExitCodes.INCONCLUSIVE;
    });
  }
}
