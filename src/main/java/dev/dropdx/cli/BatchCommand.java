package dev.dropdx.cli;

import dev.dropdx.bundle.BatchDiagnoser;
import dev.dropdx.bundle.BatchResult;
import dev.dropdx.diagnosis.DiagnosisOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** `batch`: diagnose many evidence bundles; JSON Lines (or Markdown) out, summary on stderr, worst exit code. */
@Component
public class BatchCommand {
  private final BatchDiagnoser batch;
  private final CommandGuard guard;
  private final JsonMapper json;

  public BatchCommand(BatchDiagnoser batch, CommandGuard guard, JsonMapper json) {
    this.batch = batch;
    this.guard = guard;
    this.json = json;
  }

  @Command(name = "batch", group = "Diagnosis",
      description = "Diagnose evidence bundles (files or directories) offline; one JSON line per bundle",
      help = "Exit code is the worst of the bundles: 1 > 2 (unreadable bundle) > 3 inconclusive > 4 no drops > 0. "
          + "Example: batch fetched/ --format markdown")
  public void run(
      CommandContext ctx,
      @Argument(index = 0, description = "bundle files or directories, comma-separated") String paths,
      @Option(longName = "format", description = "jsonl or markdown", defaultValue = "jsonl") String format) {
    guard.run(ctx.outputWriter(), () -> {
      if (paths == null || paths.isBlank()) {
        throw new UsageException("batch needs bundle files or directories, e.g. batch bundles/ or batch a.json,b.json");
      }
      String fmt = TargetOptions.batchFormat(format);
      List<Path> files = batch.expand(Arrays.stream(paths.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(s -> TargetOptions.path("batch", s)).toList());
      if (files.isEmpty()) {
        throw new UsageException("no bundle files found in " + paths);
      }
      PrintWriter out = ctx.outputWriter();
      if (fmt.equals("markdown")) {
        out.println("| bundle | verdict | causes |\n|---|---|---|");
      }
      int[] worst = {0};
      Map<String, Integer> counts = new TreeMap<>();
      batch.run(files, new DiagnosisOptions(5, 12, 60), r -> {
        out.println(fmt.equals("jsonl") ? json.writeValueAsString(r)
            : "| " + r.file() + " | " + r.verdict() + " | " + (r.error() != null ? r.error().replace("|", "\\|") : String.join(", ", r.causes())) + " |");
        out.flush();
        if (r.error() != null) {
          System.err.println("dropdx: " + r.error());
        }
        counts.merge(r.verdict(), 1, Integer::sum);
        if (BatchResult.severity(r.exitCode()) > BatchResult.severity(worst[0])) {
          worst[0] = r.exitCode();
        }
      });
      System.err.println("dropdx batch: " + files.size() + " bundle(s): " + counts);
      return worst[0];
    });
  }
}
