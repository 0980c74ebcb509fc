package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.support.Jar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 through the packaged jar: a team rules directory anybody can write is refused with
 * exit 2 naming the path, and its rule (which would write a marker file as root) never runs; the
 * same rules owned by the sudo caller are trusted; replaying a bundle from a world-writable
 * directory stays allowed (a bundle is data).
 */
class TrustCliIT {
  private static final String BUNDLE = "src/test/resources/bundles/rp-filter.json";
  @TempDir Path tmp;

  private Path dataDir() throws IOException {
    return Files.createDirectories(tmp.resolve("data"));
  }

  private Path planted(Path marker) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("team"));
    Files.writeString(dir.resolve("planted.drl"), """
        package planted;
        rule "planted: write a marker"
        when
        then
            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran as root");
        end
        """.formatted(marker));
    return dir;
  }

  @Test
  void aWorldWritableTeamRulesDirectoryIsRefusedWithExitTwoAndTheRuleNeverRuns() throws Exception {
    Path marker = tmp.resolve("MARKER");
    Path team = planted(marker);
    Files.setPosixFilePermissions(team, PosixFilePermissions.fromString("rwxrwxrwx"));
    CommandResult r = Jar.run(List.of(), dataDir(), Map.of(), "diagnose", "--replay", BUNDLE, "--rules", team.toString());
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
    assertThat(r.stderr()).contains("untrusted rules directory " + team).contains("mode 0777").contains("chmod go-w")
        .doesNotContain("\tat ");
    assertThat(marker).doesNotExist();
  }

  @Test
  void aWorldWritableDataDirectoryIsRefusedWithExitTwo() throws Exception {
    Path data = dataDir();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
    CommandResult r = Jar.run(List.of(), data, Map.of(), "diagnose", "--replay", BUNDLE);
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
    assertThat(r.stderr()).contains("untrusted data directory " + data).contains("mode 0777");
  }

  @Test
  void aWorldWritableKnowledgeBaseIsRefusedWithExitTwoAtStart() throws Exception {
    Path kb = Files.createDirectories(tmp.resolve("kb"));
    Files.writeString(kb.resolve("entry.json"), "{}");
    Files.setPosixFilePermissions(kb, PosixFilePermissions.fromString("rwxrwxrwx"));
    CommandResult r = Jar.run(List.of(), dataDir(), Map.of(), "--dropdx.knowledge-base=" + kb, "kb", "list");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
    assertThat(r.stderr()).contains("dropdx: untrusted knowledge-base directory " + kb).contains("chmod go-w");
  }

  @Test
  void rulesOwnedByTheSudoCallerAreTrustedAndABundleFromAnywhereIsReplayed() throws Exception {
    Path marker = tmp.resolve("MARKER");
    Path team = planted(marker);
    var nobody = team.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(team, nobody);
    Files.setOwner(team.resolve("planted.drl"), nobody);
    int uid = (Integer) Files.getAttribute(team, "unix:uid");
    Path open = Files.createDirectories(tmp.resolve("open"));
    Path bundle = Files.copy(Path.of(BUNDLE), open.resolve("b.json"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

    CommandResult refused = Jar.run(List.of(), dataDir(), Map.of(), "diagnose", "--replay", bundle.toString(), "--rules", team.toString());
    assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(2);
    assertThat(refused.stderr()).contains("owned by nobody");
    assertThat(marker).doesNotExist();

    CommandResult r = Jar.run(List.of(), dataDir(), Map.of("SUDO_UID", String.valueOf(uid)), "diagnose", "--replay", bundle.toString(),
        "--rules", team.toString());
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(0);
    assertThat(r.stdout()).contains("rp-filter");
    assertThat(marker).hasContent("ran as root");
  }
}
