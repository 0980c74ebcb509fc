package dev.dropdx.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StrictModes for dropdx's inputs: owners root or the invoking user, nothing writable by others on the way. */
class PathTrustTest {
  private static final PathTrust ROOT = new PathTrust(0, OptionalInt.empty());
  @TempDir Path tmp;

  private Path rulesIn(Path parent) throws IOException {
    Path rules = Files.createDirectories(parent.resolve("rules"));
    Files.writeString(rules.resolve("a.drl"), "package a;\n");
    return rules;
  }

  private static void mode(Path p, String mode) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  private static void owner(Path p, String user) throws IOException {
    UserPrincipal u = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    Files.setOwner(p, u);
  }

  @Test
  void aSafeDirectoryUnderStickyTmpIsTrusted() throws IOException {
    assertThat(tmp.toAbsolutePath().toString()).startsWith("/tmp/");
    assertThatCode(() -> ROOT.requireTrusted(rulesIn(tmp), "rules directory")).doesNotThrowAnyException();
    assertThatCode(() -> ROOT.requireTrusted(Path.of("rules"), "rules directory")).doesNotThrowAnyException();
    assertThatCode(() -> ROOT.requireTrusted(Path.of("knowledge-base"), "knowledge-base directory")).doesNotThrowAnyException();
  }

  @Test
  void aWorldWritableDirectoryIsRefusedWithOwnerModeAndFix() throws IOException {
    Path rules = rulesIn(tmp);
    mode(rules, "rwxrwxrwx");
    assertThatThrownBy(() -> ROOT.requireTrusted(rules, "rules directory")).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("untrusted rules directory " + rules.toRealPath()).hasMessageContaining("owned by root (uid 0)")
        .hasMessageContaining("mode 0777 (writable by group and others)").hasMessageContaining("chmod go-w '" + rules.toRealPath() + "'");
  }

  @Test
  void aWorldWritableStickyDirectoryIsRefusedItselfButNotAbove() throws IOException {
    Path sticky = Files.createDirectories(tmp.resolve("shared"));
    mode(sticky, "rwxrwxrwx");
    Files.setAttribute(sticky, "unix:mode", 01777);
    Path rules = rulesIn(sticky);
    assertThatCode(() -> ROOT.requireTrusted(rules, "rules directory")).doesNotThrowAnyException();
    assertThatThrownBy(() -> ROOT.requireTrusted(sticky, "rules directory")).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("mode 1777");
  }

  @Test
  void aGroupWritableParentIsRefusedAndNamed() throws IOException {
    Path parent = Files.createDirectories(tmp.resolve("team"));
    Path rules = rulesIn(parent);
    mode(parent, "rwxrwxr-x");
    assertThatThrownBy(() -> ROOT.requireTrusted(rules, "rules directory")).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("untrusted rules directory " + parent.toRealPath() + " (a directory above " + rules)
        .hasMessageContaining("mode 0775 (writable by group)");
  }

  @Test
  void aFileWritableByOthersOrOwnedByAStrangerInsideIsRefused() throws IOException {
    Path rules = rulesIn(tmp);
    Path drl = rules.resolve("a.drl");
    mode(drl, "rw-rw-rw-");
    assertThatThrownBy(() -> ROOT.requireTrusted(rules, "rules directory")).hasMessageContaining(drl.toString())
        .hasMessageContaining("mode 0666");
    mode(drl, "rw-r--r--");
    owner(drl, "nobody");
    assertThatThrownBy(() -> ROOT.requireTrusted(rules, "rules directory")).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("owned by nobody").hasMessageContaining("chown root '" + drl.toRealPath() + "'");
  }

  @Test
  void aLinkOutOfTheTreeIsJudgedByItsTarget() throws IOException {
    Path open = Files.createDirectories(tmp.resolve("open"));
    Path evil = Files.writeString(open.resolve("evil.drl"), "package e;\n");
    mode(open, "rwxrwxrwx");
    Path rules = rulesIn(tmp);
    Files.createSymbolicLink(rules.resolve("evil.drl"), evil);
    assertThatThrownBy(() -> ROOT.requireTrusted(rules, "rules directory")).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining(open.toRealPath().toString());
  }

  @Test
  void theSudoCallerIsTrustedOnlyWhenRunningAsRoot() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path rules = rulesIn(home);
    owner(home, "nobody");
    owner(rules, "nobody");
    owner(rules.resolve("a.drl"), "nobody");
    int nobody = (Integer) Files.getAttribute(rules, "unix:uid");
    assertThatThrownBy(() -> ROOT.requireTrusted(rules, "rules directory")).isInstanceOf(UntrustedPathException.class);
    assertThatCode(() -> new PathTrust(0, OptionalInt.of(nobody)).requireTrusted(rules, "rules directory")).doesNotThrowAnyException();
    // A user who sets SUDO_UID himself gains nothing: only root's sudo caller counts.
    assertThatThrownBy(() -> new PathTrust(1234, OptionalInt.of(nobody)).requireTrusted(rules, "rules directory"))
        .isInstanceOf(UntrustedPathException.class);
    assertThat(PathTrust.sudoUid("1000")).hasValue(1000);
    assertThat(PathTrust.sudoUid("x; rm")).isEmpty();
  }

  @Test
  void aPathNotYetMadeIsJudgedByTheDirectoriesAboveIt() throws IOException {
    Path open = Files.createDirectories(tmp.resolve("open"));
    mode(open, "rwxrwxrwx");
    assertThatThrownBy(() -> ROOT.requireTrusted(open.resolve("data/new"), "data directory")).isInstanceOf(UntrustedPathException.class);
    assertThatCode(() -> ROOT.requireTrusted(tmp.resolve("data/new"), "data directory")).doesNotThrowAnyException();
  }

  @Test
  void aCacheEntryMustBeTheRunningUsersOwnAndPrivate() throws IOException {
    Path entry = Files.writeString(tmp.resolve("k.kpkgs"), "x");
    assertThatCode(() -> ROOT.requireOwnPrivateFile(entry, "rules cache entry")).doesNotThrowAnyException();
    owner(entry, "nobody");
    assertThatThrownBy(() -> ROOT.requireOwnPrivateFile(entry, "rules cache entry")).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining(entry.toString()).hasMessageContaining("owned by nobody").hasMessageContaining("rm '" + entry + "'");
    // Even the sudo caller's entries are not read back by root: only the running user's own.
    int nobody = (Integer) Files.getAttribute(entry, "unix:uid");
    assertThatThrownBy(() -> new PathTrust(0, OptionalInt.of(nobody)).requireOwnPrivateFile(entry, "rules cache entry"))
        .isInstanceOf(UntrustedPathException.class);
  }
}
