package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.support.Jar;
import dev.dropdx.support.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What dropdx says when it cannot run, through the packaged jar: exit 1 or 2 and one line naming
 * what is missing and how to get it, no stack trace unless --debug. None of these changes the
 * host: a missing tracefs is only looked for at a path that does not exist, a read-only one is
 * a stand-in directory.
 */
class FailureModesIT {
  @TempDir Path dataDir;
  @TempDir Path work;

  /** One message line, starting with "dropdx: ", no exception names or stack frames. */
  private static void oneClearLine(CommandResult r, int exit, String... mentions) {
    String what = r.command().subList(3, r.command().size()) + " -> " + r.stderr();
    assertThat(r.exitCode()).as(what).isEqualTo(exit);
    List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(what).hasSize(1);
    assertThat(lines.get(0)).startsWith("dropdx: ").doesNotContain("Exception").doesNotContain("\tat ");
    for (String m : mentions) {
      assertThat(lines.get(0)).contains(m);
    }
  }

  @Test
  void notRootSaysItNeedsRoot() throws Exception {
    // The data directory is nobody's own (a world-writable one is refused as untrusted, issue 17).
    Files.setOwner(dataDir, dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    CommandResult r = Jar.run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"), dataDir, Map.of(),
        "diagnose", "--src", "198.18.0.1", "--window", "1");
    oneClearLine(r, 1, "needs root", "sudo");
  }

  @Test
  void aNamespaceThatDoesNotExistIsNamed() throws Exception {
    oneClearLine(Jar.run(List.of(), dataDir, Map.of(), "diagnose", "--netns", "dropdx-lab-absent", "--src", "198.18.0.1"),
        2, "'dropdx-lab-absent' does not exist", "ip netns list");
  }

  @Test
  void aMissingToolIsNamedWithItsPackage() throws Exception {
    // PATH without iproute2: the lab cannot build its namespaces and says what to install.
    CommandResult r = Jar.run(List.of(), dataDir, Map.of("PATH", pathWithout(Set.of("ip")).toString()), "lab", "run", "rp-filter");
    oneClearLine(r, 1, "ip is not installed", "apt-get install iproute2");
  }

  @Test
  void noTracefsSaysHowToMountIt() throws Exception {
    CommandResult r = Jar.run(List.of(), dataDir, Map.of("DROPDX_TRACEFS", work.resolve("absent/tracing").toString()),
        "diagnose", "--src", "198.18.0.1", "--window", "1");
    oneClearLine(r, 1, "tracefs", "mount -t tracefs");
  }

  @Test
  void withDebugTheSameFailureShowsTheStackTrace() throws Exception {
    CommandResult r = Jar.run(List.of(), dataDir, Map.of("DROPDX_TRACEFS", work.resolve("absent/tracing").toString()),
        "--debug", "diagnose", "--src", "198.18.0.1", "--window", "1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("dropdx: no drop evidence").contains("\tat dev.dropdx.");
  }

  @Test
  void aTracefsWhereNoInstanceCanBeCreatedIsReported() throws Exception {
    Path tracefs = fakeTracefs(true);
    Files.writeString(tracefs.resolve("instances"), ""); // a file: mkdir under it fails as on a read-only tracefs
    // Without bpftrace, so tracefs is the watch (bpftrace watches alone and needs no instance).
    CommandResult r = Jar.run(List.of(), dataDir, Map.of("DROPDX_TRACEFS", tracefs.toString(),
        "PATH", pathWithout(Set.of("bpftrace")).toString()), "diagnose", "--src", "198.18.0.1", "--window", "1");
    oneClearLine(r, 1, "cannot create tracefs instance");
  }

  @Test
  void noDropReasonsAndNoStapOrDropwatchSaysWhatToInstall() throws Exception {
    Path tracefs = fakeTracefs(false);
    Files.createDirectory(tracefs.resolve("instances"));
    CommandResult r = Jar.run(List.of(), dataDir, Map.of("DROPDX_TRACEFS", tracefs.toString(),
        "PATH", pathWithout(Set.of("stap", "dropwatch", "bpftrace")).toString()), "diagnose", "--src", "198.18.0.1", "--window", "1");
    oneClearLine(r, 1, "no drop reason", "install systemtap", "dropwatch");
  }

  @Test
  @LabTest
  void withoutBpftraceTheDiagnosisGoesOnAndSaysWhatToInstall() throws Exception {
    CommandResult r = Jar.run(List.of(), dataDir, Map.of("PATH", pathWithout(Set.of("bpftrace")).toString()),
        "diagnose", "--src", "198.18.0.1", "--proto", "udp", "--window", "1");
    assertThat(r.exitCode()).as(r.stderr()).isIn(0, 3, 4);
    assertThat(r.stdout()).contains("bpftrace is not installed").contains("apt-get install bpftrace");
    assertThat(r.stderr()).doesNotContain("Exception");
  }

  @Test
  void hostileValuesThroughTheJarAreExitTwoAndNeverRun() throws Exception {
    Path marker = work.resolve("pwned");
    // Spring Shell splits option values at blanks and newlines before dropdx sees them, so the
    // values here have none; HostileOptionsTest covers those at the validation layer.
    String[][] cases = {
        {"diagnose", "--netns", "$(touch${IFS}" + marker + ")"},
        {"diagnose", "--src", "198.18.0.1;touch${IFS}" + marker},
        {"kb", "show", "rp-filter`touch${IFS}" + marker + "`"},
        {"batch", "a.json;touch${IFS}" + marker},
        {"lab", "run", "rp-filter\u202e" + "x".repeat(5000)}};
    for (String[] args : cases) {
      CommandResult r = Jar.run(List.of(), dataDir, Map.of(), args);
      oneClearLine(r, 2);
    }
    assertThat(marker).doesNotExist();
  }

  /** A stand-in tracefs: events/ and the kfree_skb format, with or without the reason field. */
  private Path fakeTracefs(boolean reasons) throws Exception {
    Path dir = Files.createDirectories(work.resolve("tracefs/events/skb/kfree_skb"));
    String format = "name: kfree_skb\nID: 1\nformat:\n\tfield:void * skbaddr;\toffset:8;\tsize:8;\tsigned:0;\n"
        + (reasons ? "\tfield:enum skb_drop_reason reason;\toffset:36;\tsize:4;\tsigned:0;\n\n"
            + "print fmt: \"reason: %s\", __print_symbolic(REC->reason, { 2, \"NOT_SPECIFIED\" }, { 3, \"NO_SOCKET\" })\n"
            : "\nprint fmt: \"skbaddr=%p\"\n");
    Files.writeString(dir.resolve("format"), format);
    return work.resolve("tracefs");
  }

  /** A PATH of links to everything in /usr/bin and /usr/sbin except the named tools. */
  private Path pathWithout(Set<String> tools) throws Exception {
    // Under target/, not a @TempDir: JUnit would warn about each link it deletes.
    Path bin = Files.createDirectories(Path.of("target/it-path/without-" + String.join("-", new java.util.TreeSet<>(tools))).toAbsolutePath());
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
      if (Files.isSymbolicLink(Path.of(dir)) || !Files.isDirectory(Path.of(dir))) {
        continue;
      }
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : files.toList()) {
          Path link = bin.resolve(f.getFileName().toString());
          if (!tools.contains(f.getFileName().toString()) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, f);
          }
        }
      }
    }
    return bin;
  }
}
