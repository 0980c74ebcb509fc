package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.support.Jar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command line starts lean (config/LeanContext) and still behaves as through the shell's Spring
 * Boot start ({@code -Ddropdx.lean=false}): the same output, errors and exit codes, one command
 * model; and it leaves out what only the shell uses.
 */
class LeanStartIT {
  private static final String BUNDLE = Path.of("src/test/resources/bundles/rp-filter.json").toAbsolutePath().toString();
  /** One data directory per start for the whole class: each sees the same command lines in the same order, and compiles the rules once. */
  @TempDir static Path tmp;

  static Stream<List<String>> commandLines() {
    return Stream.of(
        List.of("help"),
        List.of("help", "diagnose"),
        List.of("diagnose", "--help"),
        List.of("diagnose", "--replay", BUNDLE),
        List.of("diagnose", "--replay", BUNDLE, "--format", "markdown"),
        List.of("batch", BUNDLE, "--format", "markdown"),
        List.of("kb", "list"),
        List.of("kb", "show", "rp-filter"),
        List.of("explain", "IP_INHDR"),
        List.of("kb"),
        List.of("history"),
        List.of("rules", "list"),
        List.of("lab", "list"),
        List.of("diagnose", "--window", "-3"),
        List.of("diagnose", "--window"),
        List.of("diagnose", "--replay", "/nonexistent/bundle.json"),
        List.of("no-such-command", "--x"),
        List.of("--dropdx.knowledge-base=/nonexistent/kb", "kb", "list"));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void aCommandLineGivesTheSameOutputAndExitCodeAsThroughTheShellsStart(List<String> args) throws Exception {
    String[] line = args.toArray(String[]::new);
    CommandResult boot = Jar.run(List.of(), dataDir("boot"), Map.of("JAVA_TOOL_OPTIONS", "-Ddropdx.lean=false"), line);
    CommandResult lean = Jar.run(List.of(), dataDir("lean"), Map.of(), line);
    assertThat(lean.exitCode()).as(lean.stderr()).isEqualTo(boot.exitCode());
    assertThat(lean.stdout() + lean.stderr()).isNotBlank();
    assertThat(normal(lean.stdout())).isEqualTo(normal(boot.stdout()));
    assertThat(normal(lean.stderr())).isEqualTo(normal(boot.stderr()));
  }

  @Test
  void aReplayLoadsNeitherTheLineReaderNorHibernateValidatorNorSpringBootsStart() throws Exception {
    CommandResult lean = Jar.run(List.of(), dataDir("lean"), Map.of("JAVA_TOOL_OPTIONS", "-verbose:class"), "diagnose", "--replay", BUNDLE);
    CommandResult boot = Jar.run(List.of(), dataDir("boot"), Map.of("JAVA_TOOL_OPTIONS", "-verbose:class -Ddropdx.lean=false"),
        "diagnose", "--replay", BUNDLE);
    assertThat(lean.exitCode()).as(lean.stderr()).isZero();
    assertThat(lean.stdout()).contains("rp-filter").doesNotContain("org.jline.reader.LineReader ")
        .doesNotContain("org.hibernate.validator.").doesNotContain("org.springframework.boot.SpringApplication ");
    assertThat(boot.stdout()).contains("org.jline.reader.LineReader ").contains("org.springframework.boot.SpringApplication ");
    assertThat(loaded(lean)).isLessThan(loaded(boot) * 4 / 5); // measured: 7,365 against 9,744
  }

  private static long loaded(CommandResult r) {
    return r.stdout().lines().filter(l -> l.contains("[class,load]")).count();
  }

  /**
   * The lines with durations and times masked (they vary from run to run); a report's drops come in
   * one fixed order (diagnosis/DropOrder), so the lines keep theirs. The JVM's note on
   * JAVA_TOOL_OPTIONS is not dropdx's.
   */
  private static String normal(String text) {
    return text.lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
        .map(l -> l.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "TIME").replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "N ms").replaceAll("\\| \\d+ \\|$", "| N |"))
        .collect(Collectors.joining("\n"));
  }

  private Path dataDir(String name) throws Exception {
    Path dir = tmp.resolve(name);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
    return dir;
  }
}
