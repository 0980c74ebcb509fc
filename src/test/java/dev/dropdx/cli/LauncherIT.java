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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/dropdx, the documented launcher, builds its start-up cache (a CDS archive) by itself: the
 * first run after the jar changed builds it in the background, later runs use it, and a changed
 * jar never runs on the archive of the old one; a JDK 17 gets a CDS archive, a JDK 25 or later an AOT
 * cache, each under its own key. Runs on a copy of the launcher and the jar in a
 * temp directory, so the checkout's own cache is not touched. Slow tier: two archive builds.
 */
@SlowTest
class LauncherIT {
  private static final String SHARED = "dev.dropdx.DropdxApplication source: shared objects file";
  @TempDir Path root;

  @Test
  void theFirstRunBuildsTheCacheAndAChangedJarGetsANewOne() throws Exception {
    Path bundle = copyLauncherAndJar();
    Path jar = root.resolve("target/dropdx.jar");

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

  /**
   * With real JDKs: DROPDX_JAVA naming this JDK 17 gives the CDS archive; where a JDK 25 or later
   * is installed, the launcher picks it by itself, builds its AOT cache under another key (the 17's
   * goes), and the replay's output is the same as on 17, with nothing more on stderr.
   */
  @Test
  void aJdk17GetsTheCdsArchiveAndAnInstalledJdk25ItsAotCache() throws Exception {
    Path bundle = copyLauncherAndJar();
    Path jdk17 = Path.of(System.getProperty("java.home"));
    Assumptions.assumeTrue(Runtime.version().feature() < 25, "the tests run on a JDK older than 25");
    String[] replay = {"diagnose", "--replay", bundle.toString(), "--format", "json"};

    CommandResult build = launchWith(Map.of("DROPDX_JAVA", jdk17.toString()), "build17", "--build-cds");
    assertThat(build.exitCode()).as(build.stderr()).isZero();
    assertThat(build.stderr()).contains("CDS archive");
    Path cds = readyDirs().get(0);
    assertThat(cds.resolve("dropdx.jsa")).exists();
    assertThat(cds.resolve("dropdx.aot")).doesNotExist();
    CommandResult on17 = launchWith(Map.of("DROPDX_JAVA", jdk17.toString()), "run17", replay);
    assertThat(on17.exitCode()).as(on17.stderr()).isZero();
    assertThat(classSource("run17")).contains(SHARED);

    Assumptions.assumeTrue(newestJdk25().isPresent(), "no JDK 25 or later under /usr/lib/jvm");
    CommandResult build25 = launchWith(Map.of(), "build25", "--build-cds");
    assertThat(build25.exitCode()).as(build25.stderr()).isZero();
    assertThat(build25.stderr()).contains("AOT cache, JDK");
    Path aot = readyDirs().get(0);
    assertThat(readyDirs()).hasSize(1);
    assertThat(aot).isNotEqualTo(cds);
    assertThat(aot.resolve("dropdx.aot")).exists();
    CommandResult on25 = launchWith(Map.of(), "run25", replay);
    assertThat(on25.exitCode()).as(on25.stderr()).isZero();
    assertThat(on25.stderr()).isEqualTo(on17.stderr());
    assertThat(withoutTimes(on25.stdout())).isEqualTo(withoutTimes(on17.stdout()));
    assertThat(classSource("run25")).contains(SHARED);
  }

  private Path copyLauncherAndJar() throws Exception {
    Path bundle = root.resolve("src/test/resources/bundles/rp-filter.json");
    Files.createDirectories(bundle.getParent());
    Files.copy(Path.of("src/test/resources/bundles/rp-filter.json"), bundle);
    Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of("bin/dropdx"), root.resolve("bin/dropdx"), StandardCopyOption.COPY_ATTRIBUTES);
    Path jar = root.resolve("target/dropdx.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(Path.of("target/dropdx.jar"), jar);
    // The cache's training runs replay the bundle in the checkout, with its rules and knowledge base.
    for (String dir : List.of("rules", "knowledge-base")) {
      copyTree(Path.of(dir), root.resolve(dir));
    }
    return bundle;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static java.util.Optional<Path> newestJdk25() throws Exception {
    try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
      return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && Files.exists(h.resolve("release")))
          .filter(h -> {
            try {
              var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(h.resolve("release")));
              return m.find() && Integer.parseInt(m.group(1)) >= 25;
            } catch (java.io.IOException e) {
              return false;
            }
          }).findFirst();
    } catch (java.nio.file.NoSuchFileException e) {
      return java.util.Optional.empty();
    }
  }

  /** A diagnosis's timings differ from run to run. */
  private static List<String> withoutTimes(String json) {
    return json.lines().map(l -> l.replaceAll("\"(\\w*[mM]illis)\" : \\d+", "\"$1\" : 0")).sorted().toList();
  }

  private List<Path> readyDirs() throws Exception {
    try (Stream<Path> dirs = Files.list(root.resolve("target/cds"))) {
      return dirs.filter(d -> Files.exists(d.resolve("ready"))).toList();
    }
  }

  /** Runs the copied bin/dropdx, logging where each class came from to class-NAME.log. */
  private CommandResult launch(String name, String... args) throws Exception {
    return launchWith(Map.of(), name, args);
  }

  private CommandResult launchWith(Map<String, String> env, String name, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/dropdx").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DROPDX_DATA_DIR", root.resolve("data").toString());
    pb.environment().put("DROPDX_JAVA_OPTS", "-Xlog:class+load=info:file=" + root.resolve("class-" + name + ".log"));
    pb.environment().remove("DROPDX_CDS");
    pb.environment().keySet().removeAll(List.of("JAVA_HOME", "DROPDX_JAVA", "DROPDX_JVM_DIR"));
    pb.environment().putAll(env);
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
