package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.support.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/dropdx, the documented launcher, builds its start-up cache (a CDS archive) by itself: the
 * first run after the jar changed builds it in the background, later runs use it, and a changed
 * jar never runs on the archive of the old one. Runs on a copy of the launcher and the jar in a
 * temp directory, so the checkout's own cache is not touched. Slow tier: two archive builds.
 */
@SlowTest
class LauncherIT {
  private static final String SHARED = "dev.dropdx.DropdxApplication source: shared objects file";
  @TempDir Path root;

  @Test
  void theFirstRunBuildsTheCacheAndAChangedJarGetsANewOne() throws Exception {
    Path bundle = root.resolve("src/test/resources/bundles/rp-filter.json");
    Files.createDirectories(bundle.getParent());
    Files.copy(Path.of("src/test/resources/bundles/rp-filter.json"), bundle);
    Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of("bin/dropdx"), root.resolve("bin/dropdx"), StandardCopyOption.COPY_ATTRIBUTES);
    Path jar = root.resolve("target/dropdx.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(Path.of("target/dropdx.jar"), jar);

    // First run: plain jar (no archive yet), the build starts in the background.
    CommandResult first = launch("first", "help");
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).contains("diagnose");
    assertThat(first.stderr()).contains("building the start-up cache");
    assertThat(classSource("first")).doesNotContain(SHARED);
    Path archive = awaitReady(null);

    // Second run: the application's classes come from the archive; nothing is built again.
    CommandResult second = launch("second", "diagnose", "--replay", bundle.toString(), "--format", "json");
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stdout()).contains("\"rp-filter\"");
    assertThat(second.stderr()).doesNotContain("building the start-up cache");
    assertThat(classSource("second")).contains(SHARED);

    // The jar changes (a rebuild): the old archive is not used, a new one is built, the old one goes.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    CommandResult third = launch("third", "help");
    assertThat(third.exitCode()).as(third.stderr()).isZero();
    assertThat(third.stderr()).contains("building the start-up cache");
    assertThat(classSource("third")).doesNotContain(SHARED);
    Path rebuilt = awaitReady(archive);
    assertThat(rebuilt).isNotEqualTo(archive);
    assertThat(archive).doesNotExist();
    CommandResult fourth = launch("fourth", "help");
    assertThat(fourth.exitCode()).as(fourth.stderr()).isZero();
    assertThat(classSource("fourth")).contains(SHARED);
  }

  /** Runs the copied bin/dropdx, logging where each class came from to class-NAME.log. */
  private CommandResult launch(String name, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/dropdx").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DROPDX_DATA_DIR", root.resolve("data").toString());
    pb.environment().put("DROPDX_JAVA_OPTS", "-Xlog:class+load=info:file=" + root.resolve("class-" + name + ".log"));
    pb.environment().remove("DROPDX_CDS");
    Process p = pb.start();
    var out = CommandRunner.drain(p.getInputStream());
    var err = CommandRunner.drain(p.getErrorStream());
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    return new CommandResult(cmd, done ? p.exitValue() : -1, out.join(), err.join(), !done);
  }

  private String classSource(String name) throws Exception {
    return Files.readString(root.resolve("class-" + name + ".log"));
  }

  /** Waits for an archive other than {@code previous} to be marked ready (the background build). */
  private Path awaitReady(Path previous) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      try (Stream<Path> dirs = Files.list(root.resolve("target/cds"))) {
        var ready = dirs.filter(d -> Files.exists(d.resolve("ready")) && !d.equals(previous)).findFirst();
        if (ready.isPresent()) {
          // the build removes the old archive right after marking the new one ready
          Thread.sleep(1000);
          return ready.get();
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no start-up cache built in 5 minutes: " + readLog());
  }

  private String readLog() throws Exception {
    Path log = root.resolve("target/cds/build.log");
    return Files.exists(log) ? Files.readString(log) : "(no build.log)";
  }
}
