package dev.dropdx.cli;

import dev.dropdx.batch.BatchDiagnoser;
import dev.dropdx.batch.BatchResult;
import dev.dropdx.diagnosis.DiagnosisOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

  @Command(name = "batch", group = "Diagnosis", completionProvider = OptionCompletion.BEAN,
      description = "Diagnose evidence bundles (files or directories) offline; one JSON line per bundle",
      help = "Exit code is the worst of the bundles: 1 (a host not diagnosed: unreachable, no root, timed out, failed, "
          + "missing) > 2 (unreadable bundle) > 3 inconclusive > 4 no drops > 0. HOST.status.json files (written by "
          + "deploy/ansible) report hosts without a bundle; --hosts lists the hosts expected. "
          + "Example: batch fleet/bundles --hosts r1,r2,r3 --format markdown")
  public void run(
      CommandContext ctx,
      @Argument(index = 0, description = "bundle files or directories, comma-separated") String paths,
      @Option(longName = "format", description = "json (JSON Lines, also jsonl) or markdown", defaultValue = "jsonl") String format,
      @Option(longName = "hosts", description = "hosts expected, comma-separated: one without a bundle or status file is reported missing")
      String hosts) {
    guard.run(ctx.outputWriter(), () -> {
      if (paths == null || paths.isBlank()) {
        throw new UsageException("batch needs bundle files or directories, e.g. batch bundles/ or batch a.json,b.json");
      }
      String fmt = OptionValues.batchFormat(format);
      List<Path> files = batch.expand(split(paths).stream().map(s -> OptionValues.path("batch", s)).toList());
      if (files.isEmpty()) {
        throw new UsageException("no bundle files found in " + paths);
      }
      List<String> expected = hosts == null ? List.of() : split(hosts).stream().map(h -> OptionValues.host("--hosts", h)).toList();
      PrintWriter out = ctx.outputWriter();
      int[] worst = {0};
      Map<String, Integer> counts = new TreeMap<>();
      List<BatchResult> held = new ArrayList<>(); // Markdown groups by cause, so it waits; JSON Lines streams
      batch.run(files, new DiagnosisOptions(5, 12, 60), expected, r -> {
        if (fmt.equals("jsonl")) {
          out.println(json.writeValueAsString(r));
          out.flush();
        } else {
          held.add(r);
        }
        if (r.error() != null) {
          System.err.println("dropdx: " + r.error());
        }
        counts.merge(r.verdict(), 1, Integer::sum);
        if (BatchResult.severity(r.exitCode()) > BatchResult.severity(worst[0])) {
          worst[0] = r.exitCode();
        }
      });
      if (fmt.equals("markdown")) {
        out.print(BatchMarkdown.render(held));
        out.flush();
      }
      System.err.println("dropdx batch: " + files.size() + " bundle(s): " + counts);
      return worst[0];
    });
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
