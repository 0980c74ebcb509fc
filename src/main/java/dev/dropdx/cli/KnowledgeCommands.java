package dev.dropdx.cli;

import dev.dropdx.knowledge.CauseEntry;
import dev.dropdx.knowledge.KnowledgeIndex;
import dev.dropdx.knowledge.ReasonCatalog;
import dev.dropdx.knowledge.ReasonCatalogProvider;
import dev.dropdx.knowledge.ReasonPage;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/**
 * `kb list`, `kb show CAUSE|REASON`, `kb search TEXT` and `explain CAUSE|REASON`: the knowledge base
 * (causes from H2) and the drop reason pages.
 */
@Component
public class KnowledgeCommands {
  /** A kernel drop reason as the tracepoint prints it (upper case or with '_'); cause ids are kebab-case. */
  private static final Pattern REASON = Pattern.compile("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*");
  private static final int MAX_REASON = 64;

  private final KnowledgeIndex index;
  private final ReasonCatalogProvider reasons;
  private final CommandGuard guard;

  public KnowledgeCommands(KnowledgeIndex index, ReasonCatalogProvider reasons, CommandGuard guard) {
    this.index = index;
    this.reasons = reasons;
    this.guard = guard;
  }

  @Command(name = {"kb", "list"}, group = "Knowledge", description = "List the known drop causes")
  public void list(CommandContext ctx) {
    guard.run(ctx.outputWriter(), () -> {
      print(ctx.outputWriter(), index.list());
      printReasons(ctx.outputWriter(), reasons.get());
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
      List<ReasonPage> pages = reasons.get().search(text);
      pages.forEach(p -> ctx.outputWriter().printf("%-26s %s%n", p.reason(), p.title()));
      return found.isEmpty() && pages.isEmpty() ? ExitCodes.INCONCLUSIVE : 0;
    });
  }

  @Command(name = {"kb", "show"}, group = "Knowledge", description = "Show a cause's entry (fix, references) or a drop reason's page")
  public void show(CommandContext ctx, @Argument(index = 0, description = "cause id or drop reason (see kb list)") String cause) {
    guard.run(ctx.outputWriter(), () -> {
      Optional<ReasonPage> page = reasonPage(cause);
      if (page.isPresent()) {
        new ReasonPageRenderer(reasons.get()).show(ctx.outputWriter(), page.get());
        return ReasonCatalog.isFallback(page.get()) ? ExitCodes.INCONCLUSIVE : 0;
      }
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

  @Command(name = "explain", group = "Knowledge", description = "The plain-language page for a cause or a drop reason")
  public void explain(CommandContext ctx, @Argument(index = 0, description = "cause id or drop reason (see kb list)") String cause) {
    guard.run(ctx.outputWriter(), () -> {
      Optional<ReasonPage> page = reasonPage(cause);
      if (page.isPresent()) {
        new ReasonPageRenderer(reasons.get()).explain(ctx.outputWriter(), page.get());
        return ReasonCatalog.isFallback(page.get()) ? ExitCodes.INCONCLUSIVE : 0;
      }
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
    return index.show(OptionValues.causeId("cause", cause)).orElseThrow(() -> new UsageException("no cause or drop reason " + OptionValues.quote(cause) + " in the knowledge base (see kb list)"));
  }

  /**
   * The page when the argument names a drop reason: upper case or with '_' (IP_INHDR, ip_inhdr,
   * SKB_DROP_REASON_IP_INHDR; a name the catalog lacks gets the fallback page), or a lower-case
   * word that is no cause but a reason (xdp). Empty: treat it as a cause id.
   */
  private Optional<ReasonPage> reasonPage(String arg) {
    if (arg == null || arg.length() > MAX_REASON || !REASON.matcher(arg).matches()) {
      return Optional.empty();
    }
    ReasonCatalog catalog = reasons.get();
    if (arg.contains("_") || !arg.equals(arg.toLowerCase(java.util.Locale.ROOT))) {
      return Optional.of(catalog.pageOrFallback(arg));
    }
    return index.show(arg).isPresent() ? Optional.empty() : catalog.find(arg);
  }

  private static void printReasons(PrintWriter out, ReasonCatalog catalog) {
    List<ReasonPage> pages = catalog.all();
    out.println();
    out.println("Drop reasons (" + pages.size() + "; kb show REASON):");
    for (ReasonPage p : pages) {
      out.printf("%-26s %-13s %s%n", p.reason(), p.family(), p.title());
    }
  }

  private static void print(PrintWriter out, List<CauseEntry> entries) {
    for (CauseEntry e : entries) {
      out.printf("%-26s %s%n", e.id(), e.title());
    }
  }
}
