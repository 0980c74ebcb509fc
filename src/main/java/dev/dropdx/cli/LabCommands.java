package dev.dropdx.cli;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.lab.LabRun;
import dev.dropdx.lab.LabRunner;
import dev.dropdx.lab.LabScenario;
import dev.dropdx.lab.LabScenarioException;
import dev.dropdx.lab.LabTools;
import java.io.PrintWriter;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** `lab list` and `lab run NAME`: real faults in throwaway namespaces, diagnosed live. */
@Component
public class LabCommands {
  private final LabRunner lab;
  private final CommandGuard guard;
  private final ReportPrinter printer;
  private final BundleCodec bundles;

  public LabCommands(LabRunner lab, CommandGuard guard, ReportPrinter printer, BundleCodec bundles) {
    this.bundles = bundles;
    this.lab = lab;
    this.guard = guard;
    this.printer = printer;
  }

  @Command(name = {"lab", "list"}, group = "Lab", description = "List the lab scenarios")
  public void list(CommandContext ctx) {
    guard.run(ctx.outputWriter(), () -> {
      PrintWriter out = ctx.outputWriter();
      for (LabScenario s : scenarios()) {
        out.printf("%-24s %-24s %s%n", s.name(), s.expectedCause() == null ? "(no fault)" : s.expectedCause(), s.description());
      }
      return 0;
    });
  }

  @Command(name = {"lab", "run"}, group = "Lab", completionProvider = OptionCompletion.BEAN,
      description = "Build a scenario in dropdx-lab-* namespaces, diagnose it, tear it down",
      help = "Needs root. Exit code 0 when dropdx found what the scenario built, 3 when it did not. Example: lab run rp-filter")
  public void run(
      CommandContext ctx,
      @Argument(index = 0, description = "scenario name (see lab list), or all") String name,
      @Option(longName = "window", description = "seconds to watch for drops", defaultValue = "3") String window,
      @Option(longName = "format", description = "text, json or markdown", defaultValue = "text") String format,
      @Option(longName = "save-bundle", description = "write the evidence bundle (JSON) to this file") String saveBundle,
      @Option(longName = "all", description = "run every scenario and end with a summary table") Boolean all) {
    guard.run(ctx.outputWriter(), () -> {
      if (Boolean.TRUE.equals(all) || "all".equals(name)) {
        return runAll(ctx.outputWriter(), window);
      }
      if (name == null || name.isBlank()) {
        throw new UsageException("lab run needs a scenario name: one of " + scenarios().stream().map(LabScenario::name).toList());
      }
      String wanted = OptionValues.scenario(name);
      LabScenario scenario = scenarios().stream().filter(s -> s.name().equals(wanted)).findFirst().orElseThrow(() -> new UsageException(
          "no lab scenario " + OptionValues.quote(name) + ": one of " + scenarios().stream().map(LabScenario::name).toList()));
      ReportFormat fmt = ReportFormat.parse(format);
      java.nio.file.Path bundleOut = saveBundle == null ? null : OptionValues.path("--save-bundle", saveBundle);
      DiagnosisOptions options = new DiagnosisOptions(OptionValues.number("--window", window, 1, 60),
          DiagnosisOptions.DEFAULT_MAX_PROBES, DiagnosisOptions.DEFAULT_MAX_SECONDS);
      LabRun run;
      try {
        run = lab.run(scenario, options, printer.progress());
      } finally {
        printer.endProgress();
      }
      if (bundleOut != null) {
        bundles.write(bundles.of(run.report().recorded()), bundleOut);
      }
      PrintWriter out = ctx.outputWriter();
      if (fmt == ReportFormat.TEXT) {
        out.println("Lab scenario " + scenario.name() + ": " + scenario.description() + "\n");
      }
      printer.print(run.report(), fmt, out);
      if (fmt == ReportFormat.TEXT) {
        out.printf("Lab: expected %s, got %s: %s (%d ms: %s; namespaces removed)%n",
            scenario.expectedCause() == null ? "no drops" : scenario.expectedCause(),
            run.report().diagnoses().isEmpty() ? run.report().verdict().id() : run.report().diagnoses().get(0).cause(),
            run.asExpected() ? "PASS" : run.notReproduced(scenario) ? "NOT REPRODUCIBLE HERE (" + scenario.limitation() + ")" : "FAIL",
            run.millis(), run.times().describe());
      }
      return run.asExpected() ? 0 : run.notReproduced(scenario) ? ExitCodes.NO_DROPS : ExitCodes.INCONCLUSIVE;
    });
  }

  private int runAll(PrintWriter out, String window) {
    DiagnosisOptions options = new DiagnosisOptions(OptionValues.number("--window", window, 1, 60),
        DiagnosisOptions.DEFAULT_MAX_PROBES, DiagnosisOptions.DEFAULT_MAX_SECONDS);
    // Every scenario's programs first: a missing one is "install this" (exit 1), not a FAIL row.
    java.util.List<String> missing = scenarios().stream().flatMap(s -> LabTools.missing(s).stream()).distinct().toList();
    if (!missing.isEmpty()) {
      throw new dev.dropdx.lab.LabException("the lab cannot run here: " + String.join("; ", missing));
    }
    StringBuilder table = new StringBuilder(String.format("%-26s %-26s %-26s %6s %8s  %s%n", "scenario", "expected", "got", "probes", "seconds", "result"));
    boolean allPassed = true;
    for (LabScenario s : scenarios()) {
      String got;
      long probes = 0;
      double seconds;
      boolean pass;
      String verdict;
      long t0 = System.nanoTime();
      try {
        LabRun run = lab.run(s, options, printer.progress());
        printer.endProgress();
        got = run.report().diagnoses().isEmpty() ? run.report().verdict().id()
            : run.report().diagnoses().stream().map(d -> d.cause()).collect(java.util.stream.Collectors.joining(","));
        probes = run.report().trail().stream().filter(t -> t.step() > 0 && !t.backend().equals("-")).count();
        pass = run.asExpected() || run.notReproduced(s);
        verdict = run.asExpected() ? "PASS" : pass ? "NOT REPRODUCIBLE HERE: " + s.limitation() : "FAIL";
      } catch (RuntimeException e) {
        printer.endProgress();
        got = "error: " + e.getMessage();
        pass = false;
        verdict = "FAIL";
      }
      seconds = (System.nanoTime() - t0) / 1e9;
      allPassed &= pass;
      String line = String.format("%-26s %-26s %-26s %6d %8.1f  %s%n", s.name(), s.expectedCause() == null ? "no-drops" : s.expectedCause(),
          got.length() > 26 ? got.substring(0, 23) + "..." : got, probes, seconds, verdict);
      out.print(line);
      out.flush();
      table.append(line);
    }
    out.println();
    out.print(table);
    return allPassed ? 0 : ExitCodes.INCONCLUSIVE;
  }

  /** The scenarios; a scenario file with a problem is a usage error (exit 2) naming file and line. */
  private java.util.List<LabScenario> scenarios() {
    try {
      return lab.scenarios();
    } catch (LabScenarioException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
