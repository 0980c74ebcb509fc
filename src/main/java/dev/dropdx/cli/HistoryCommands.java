package dev.dropdx.cli;

import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.history.HistoryFilter;
import dev.dropdx.history.HistoryRecord;
import dev.dropdx.history.HistoryStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** `history`, `history show ID`, `history export ID FILE`: the diagnoses made on this host. */
@Component
public class HistoryCommands {
  private static final Pattern AGO = Pattern.compile("(\\d{1,4})([hd])");
  private final HistoryStore store;
  private final BundleCodec bundles;
  private final CommandGuard guard;

  public HistoryCommands(HistoryStore store, BundleCodec bundles, CommandGuard guard) {
    this.store = store;
    this.bundles = bundles;
    this.guard = guard;
  }

  @Command(name = "history", group = "History", description = "List past diagnoses (newest first)",
      help = "Filters: --cause rp-filter, --since 7d | 12h | 2026-11-01, --verdict diagnosed|inconclusive|no-drops")
  public void list(
      CommandContext ctx,
      @Option(longName = "cause", description = "only this cause") String cause,
      @Option(longName = "since", description = "7d, 12h or a date (2026-11-01)") String since,
      @Option(longName = "verdict", description = "diagnosed, inconclusive or no-drops") String verdict,
      @Option(longName = "limit", description = "most rows", defaultValue = "50") String limit) {
    guard.run(ctx.outputWriter(), () -> {
      HistoryFilter f = new HistoryFilter(cause == null ? null : OptionValues.causeId("--cause", cause), since == null ? null : since(since),
          verdict == null ? null : OptionValues.verdict(verdict), OptionValues.number("--limit", limit, 1, 10_000));
      PrintWriter out = ctx.outputWriter();
      var rows = store.list(f);
      for (HistoryRecord r : rows) {
        out.printf("%6d  %s  %-12s %-24s %s  [%s]%n", r.id(), r.createdAt().withNano(0), r.verdict(),
            r.causes().isEmpty() ? "-" : String.join(",", r.causes()), r.target(), r.host());
      }
      out.println(rows.size() + " diagnosis(es)");
      return 0;
    });
  }

  @Command(name = {"history", "show"}, group = "History", description = "Show one past diagnosis: summary and trail")
  public void show(CommandContext ctx, @Argument(index = 0, description = "history id") String id) {
    guard.run(ctx.outputWriter(), () -> {
      var stored = store.find(OptionValues.historyId(id)).orElseThrow(() -> new UsageException("no diagnosis " + id + " in history (see history)"));
      HistoryRecord r = stored.record();
      var bundle = bundles.parse(stored.bundleJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), "history " + id);
      ctx.outputWriter().printf("Diagnosis %d on %s at %s%nTarget:  %s%nVerdict: %s%nCauses:  %s%n%nTrail%n%s", r.id(), r.host(),
          r.createdAt(), r.target(), r.verdict(), r.causes().isEmpty() ? "-" : String.join(", ", r.causes()),
          TextReport.trail(bundle.trail()));
      return 0;
    });
  }

  @Command(name = {"history", "export"}, group = "History", description = "Write a past diagnosis's evidence bundle to a file")
  public void export(CommandContext ctx, @Argument(index = 0, description = "history id") String id,
      @Argument(index = 1, description = "bundle file to write") String file) {
    guard.run(ctx.outputWriter(), () -> {
      if (file == null || file.isBlank()) {
        throw new UsageException("history export needs an id and a file: history export 12 incident.json");
      }
      Path target = OptionValues.path("history export FILE", file);
      var stored = store.find(OptionValues.historyId(id)).orElseThrow(() -> new UsageException("no diagnosis " + id + " in history (see history)"));
      var bundle = bundles.parse(stored.bundleJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), "history " + id);
      bundles.write(bundle, target);
      ctx.outputWriter().println("wrote " + file + " (replay with: diagnose --replay " + file + ")");
      return 0;
    });
  }

  static OffsetDateTime since(String text) {
    Matcher m = AGO.matcher(text.strip());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return m.group(2).equals("d") ? OffsetDateTime.now().minusDays(n) : OffsetDateTime.now().minusHours(n);
    }
    try {
      return LocalDate.parse(text.strip()).atStartOfDay().atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new UsageException("--since " + OptionValues.quote(text) + ": use 7d, 12h or a date like 2026-11-01");
    }
  }
}
