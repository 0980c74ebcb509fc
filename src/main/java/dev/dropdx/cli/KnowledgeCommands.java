package dev.dropdx.cli;

import dev.dropdx.knowledge.CauseEntry;
import dev.dropdx.knowledge.KnowledgeIndex;
import java.io.PrintWriter;
import java.util.List;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/** `kb list`, `kb show CAUSE`, `kb search TEXT` and `explain CAUSE`: the knowledge base, from H2. */
@Component
public class KnowledgeCommands {
  private final KnowledgeIndex index;
  private final CommandGuard guard;

  public KnowledgeCommands(KnowledgeIndex index, CommandGuard guard) {
    this.index = index;
    this.guard = guard;
  }

  @Command(name = {"kb", "list"}, group = "Knowledge", description = "List the known drop causes")
  public void list(CommandContext ctx) {
    guard.run(ctx.outputWriter(), () -> {
      print(ctx.outputWriter(), index.list());
      return 0;
    });
  }

  @Command(name = {"kb", "search"}, group = "Knowledge", description = "Find causes by word: function, reason, symptom")
  public void search(CommandContext ctx, @Argument(index = 0, description = "text to look for") String text) {
    guard.run(ctx.outputWriter(), () -> {
      if (text == null || text.isBlank()) {
        throw new UsageException("kb search needs a word, e.g. kb search rp_filter");
      }
      List<CauseEntry> found = index.search(OptionValues.text("kb search", text));
      print(ctx.outputWriter(), found);
      return found.isEmpty() ? ExitCodes.INCONCLUSIVE : 0;
    });
  }

  @Command(name = {"kb", "show"}, group = "Knowledge", description = "Show a cause's entry: functions, reasons, fix, references")
  public void show(CommandContext ctx, @Argument(index = 0, description = "cause id (see kb list)") String cause) {
    guard.run(ctx.outputWriter(), () -> {
      CauseEntry e = find(cause);
      PrintWriter out = ctx.outputWriter();
      out.println(e.id() + ": " + e.title());
      out.println("functions: " + String.join(", ", e.functions()));
      out.println("reasons:   " + String.join(", ", e.reasons()));
      out.println("\n" + TextReport.wrap(e.explanation(), ""));
      out.println("\nfix:");
      e.fix().forEach(f -> out.println("  - " + f));
      out.println("verify:");
      e.verify().forEach(v -> out.println("  - " + v));
      out.println("references:");
      e.references().forEach(r -> out.println("  - " + r));
      e.kernelNotes().forEach(n -> out.println("kernel: " + n));
      return 0;
    });
  }

  @Command(name = "explain", group = "Knowledge", description = "The plain-language page for a cause")
  public void explain(CommandContext ctx, @Argument(index = 0, description = "cause id (see kb list)") String cause) {
    guard.run(ctx.outputWriter(), () -> {
      CauseEntry e = find(cause);
      PrintWriter out = ctx.outputWriter();
      out.println("# " + e.id() + "\n\n" + TextReport.wrap(e.explanation(), "") + "\n");
      out.println("What to do:");
      e.fix().forEach(f -> out.println("  - " + TextReport.wrap(f, "    ")));
      out.println("\nHow to check it worked:");
      e.verify().forEach(v -> out.println("  - " + v));
      out.println("\n(Words in {braces} are filled in with your interface, addresses and settings when dropdx diagnoses it.)");
      return 0;
    });
  }

  private CauseEntry find(String cause) {
    if (cause == null || cause.isBlank()) {
      throw new UsageException("name a cause id (see kb list)");
    }
    return index.show(OptionValues.causeId("cause", cause)).orElseThrow(() -> new UsageException("no cause " + OptionValues.quote(cause) + " in the knowledge base (see kb list)"));
  }

  private static void print(PrintWriter out, List<CauseEntry> entries) {
    for (CauseEntry e : entries) {
      out.printf("%-26s %s%n", e.id(), e.title());
    }
  }
}
