package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JVM bin/dropdx runs and which start-up cache it gives it: a JDK 25 or later gets an AOT
 * cache, an older one the CDS archive, DROPDX_JAVA and JAVA_HOME override the search, and each JVM
 * has its own cache. The JDKs are fakes (a `release` file and a `bin/java` script that logs its
 * arguments), so this runs in a second; LauncherIT runs the real ones.
 */
class LauncherJvmChoiceTest {
  private static final String FAKE_JAVA = """
      #!/bin/sh
      echo "$0 $*" >>"$FAKE_JAVA_LOG"
      prev=""
      for a in "$@"; do
        case "$a" in -XX:DumpLoadedClassList=*) echo java/lang/Object >"${a#*=}" ;; esac
        [ "$prev" = "--destination" ] && mkdir -p "$a"
        prev="$a"
      done
      exit 0
      """;

  @TempDir Path root;
  private Path jvms;
  private Path pathDir;
  private Path log;

  @BeforeEach
  void copyTheLauncherAndMakeFakeJdks() throws Exception {
    Files.createDirectories(root.resolve("bin"));
    Files.copy(Path.of("bin/dropdx"), root.resolve("bin/dropdx"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(root.resolve("target"));
    Files.writeString(root.resolve("target/dropdx.jar"), "not a jar: the fake JVMs never read it");
    jvms = Files.createDirectories(root.resolve("jvm"));
    fakeJdk(jvms.resolve("jdk-17"), "17.0.15");
    fakeJdk(jvms.resolve("jdk-21"), "21.0.7");
    fakeJdk(jvms.resolve("jdk-26"), "26-ea");
    // `java` on PATH is the 17, as on a machine with only the distribution's JDK.
    pathDir = Files.createDirectories(root.resolve("path"));
    Files.createSymbolicLink(pathDir.resolve("java"), jvms.resolve("jdk-17/bin/java"));
    log = root.resolve("java.log");
  }

  @Test
  void theNewestJdk25OrLaterGetsAnAotCacheAnOlderOneTheCdsArchiveEachUnderItsOwnKey() throws Exception {
    Map<String, String> auto = Map.of("DROPDX_JVM_DIR", jvms.toString());

    // No cache yet: the JDK 26 runs the jar itself, with the lean options and Unsafe allowed.
    String plain = run(auto, "help");
    assertThat(plain).startsWith(jvms.resolve("jdk-26/bin/java").toString())
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--sun-misc-unsafe-memory-access=allow")
        .endsWith("-jar " + root.resolve("target/dropdx.jar") + " help");

    // Its cache is an AOT cache: a recorded training run, then the cache created from the record.
    String build = runAll(auto, "--build-cds");
    Path aotDir = onlyCacheDir();
    assertThat(build).contains("-XX:AOTMode=record", "-XX:AOTMode=create",
        "-XX:AOTCache=" + aotDir.resolve("dropdx.aot")).doesNotContain("-Xshare:dump");
    // The first training run writes the lean start's component list, which the cached runs use.
    assertThat(build.lines().findFirst().orElseThrow()).contains("extract");
    assertThat(build.lines().skip(1).findFirst().orElseThrow()).contains("-Ddropdx.components.write=" + aotDir.resolve("components.txt"));
    assertThat(run(auto, "diagnose", "--replay", "b.json"))
        .contains("-XX:AOTCache=" + aotDir.resolve("dropdx.aot"), "-Ddropdx.components=" + aotDir.resolve("components.txt"))
        .endsWith("-jar " + aotDir.resolve("dropdx.jar") + " diagnose --replay b.json");

    // DROPDX_JAVA names a JDK 17: another key, so no cache yet, then a CDS archive, never an AOT one.
    Map<String, String> pinned = Map.of("DROPDX_JVM_DIR", jvms.toString(), "DROPDX_JAVA", jvms.resolve("jdk-17").toString());
    assertThat(run(pinned, "help")).startsWith(jvms.resolve("jdk-17/bin/java").toString())
        .doesNotContain("--sun-misc-unsafe-memory-access", "AOTCache")
        .endsWith("-jar " + root.resolve("target/dropdx.jar") + " help");
    String cdsBuild = runAll(pinned, "--build-cds");
    Path cdsDir = onlyCacheDir();
    assertThat(cdsDir).isNotEqualTo(aotDir);
    assertThat(aotDir).doesNotExist();
    assertThat(cdsBuild).contains("-Xshare:dump", "-XX:SharedArchiveFile=" + cdsDir.resolve("dropdx.jsa"))
        .doesNotContain("AOTMode");

    // A machine with no JDK 25 or later (a 21 does not count): `java` on PATH, the same 17, its archive.
    Files.delete(jvms.resolve("jdk-26/release"));
    String onPath = run(auto, "help");
    assertThat(onPath).startsWith(jvms.resolve("jdk-17/bin/java").toString())
        .contains("-XX:SharedArchiveFile=" + cdsDir.resolve("dropdx.jsa"), "-Ddropdx.components=" + cdsDir.resolve("components.txt"))
        .endsWith("-jar " + cdsDir.resolve("dropdx.jar") + " help");
  }

  @Test
  void javaHomeIsPreferredToTheSearchForANewerJdk() throws Exception {
    String line = run(Map.of("DROPDX_JVM_DIR", jvms.toString(), "JAVA_HOME", jvms.resolve("jdk-21").toString()), "help");
    assertThat(line).startsWith(jvms.resolve("jdk-21/bin/java").toString())
        .doesNotContain("--sun-misc-unsafe-memory-access");
  }

  @Test
  void whichJavaSaysTheJvmAndTheCacheTheLauncherWouldUse() throws Exception {
    assertThat(stdout(Map.of("DROPDX_JVM_DIR", jvms.toString()), "--which-java"))
        .isEqualTo(jvms.resolve("jdk-26/bin/java").toRealPath() + " (JDK 26, AOT cache)\n");
    assertThat(stdout(Map.of("DROPDX_JVM_DIR", jvms.toString(), "DROPDX_JAVA", jvms.resolve("jdk-17").toString()), "--which-java"))
        .isEqualTo(jvms.resolve("jdk-17/bin/java").toRealPath() + " (JDK 17, CDS archive)\n");
    assertThat(log).as("--which-java runs no java").doesNotExist();
  }

  /** Runs the launcher (no background build) and returns what it printed on stdout. */
  private String stdout(Map<String, String> env, String... args) throws Exception {
    Files.deleteIfExists(log);
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/dropdx").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    pb.environment().keySet().removeAll(List.of("JAVA_HOME", "DROPDX_JAVA", "DROPDX_JAVA_OPTS", "DROPDX_JVM_DIR"));
    pb.environment().put("PATH", pathDir + ":/usr/bin:/bin");
    pb.environment().put("DROPDX_CDS", "off");
    pb.environment().put("FAKE_JAVA_LOG", log.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    var out = CommandRunner.drain(p.getInputStream());
    var err = CommandRunner.drain(p.getErrorStream());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err.join()).isZero();
    return out.join();
  }

  private void fakeJdk(Path home, String version) throws Exception {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, FAKE_JAVA);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs the launcher (no background build) and returns the last java command it ran. */
  private String run(Map<String, String> env, String... args) throws Exception {
    List<String> lines = runLines(env, args);
    return lines.get(lines.size() - 1);
  }

  private String runAll(Map<String, String> env, String... args) throws Exception {
    return String.join("\n", runLines(env, args));
  }

  private List<String> runLines(Map<String, String> env, String... args) throws Exception {
    String out = stdout(env, args);
    assertThat(log).as("no java was run: " + out).exists();
    return Files.readAllLines(log).stream().map(String::strip).toList();
  }

  private Path onlyCacheDir() throws Exception {
    try (Stream<Path> dirs = Files.list(root.resolve("target/cds"))) {
      List<Path> ready = dirs.filter(d -> Files.exists(d.resolve("ready"))).toList();
      assertThat(ready).hasSize(1);
      return ready.get(0);
    }
  }
}
