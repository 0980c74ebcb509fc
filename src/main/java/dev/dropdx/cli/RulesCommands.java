package dev.dropdx.cli;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookProvider;
import dev.dropdx.rules.RuleInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/** `rules list` and `rules validate`: what the rule book holds and whether a directory compiles. */
@Component
public class RulesCommands {
  private final RuleBookProvider rules;
  private final CommandGuard guard;
  private final DropdxPaths paths;

  public RulesCommands(RuleBookProvider rules, CommandGuard guard, DropdxPaths paths) {
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

  @Command(name = {"rules", "validate"}, group = "Rules",
      description = "Compile a rules directory (default: the configured ones) and report errors with file and line")
  public void validate(CommandContext ctx, @Argument(index = 0, description = "rules directory", defaultValue = "") String dir) {
    guard.run(ctx.outputWriter(), () -> {
      List<Path> dirs = dir == null || dir.isBlank() ? paths.rulesDirs() : List.of(paths.resolve(dir));
      RuleBook book = rules.compile(dirs);
      ctx.outputWriter().println("OK: " + book.rules().size() + " rules compile in " + dirs);
      return 0;
    });
  }
}
