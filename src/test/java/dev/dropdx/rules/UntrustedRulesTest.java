package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.trust.PathTrust;
import dev.dropdx.trust.UntrustedPathException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;

/**
 * Issue 17: a rule is Java that runs as root. Planted rules (and a planted cache entry) write a
 * marker file when they run; from an untrusted place they are refused before anything compiles or
 * is read back, and the marker stays absent. Each plant is first shown to work from a trusted
 * place, so the refusal is what keeps the marker away.
 */
class UntrustedRulesTest {
  private static final PathTrust ROOT = new PathTrust(0, OptionalInt.empty());
  @TempDir Path tmp;

  private Path marker() {
    return tmp.resolve("MARKER");
  }

  private Path planted(Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("planted"));
    Files.writeString(dir.resolve("planted.drl"), """
        package planted;
        rule "planted: write a marker"
        when
        then
            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran as root");
        end
        """.formatted(marker()));
    return dir;
  }

  private Path benign() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("benign"));
    Files.writeString(dir.resolve("benign.drl"), "package benign;\nrule \"benign: nothing\"\nwhen\nthen\nend\n");
    return dir;
  }

  private static void fire(RuleBook book) {
    KieSession s = book.newSession();
    try {
      s.fireAllRules();
    } finally {
      s.dispose();
    }
  }

  private static void mode(Path p, String mode) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  private static void chownNobody(Path p) throws IOException {
    Files.setOwner(p, p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
  }

  @Test
  void aPlantedRuleRunsFromATrustedDirectory() throws IOException {
    fire(new RuleBookLoader().load(List.of(planted(tmp))));
    assertThat(marker()).hasContent("ran as root");
  }

  @Test
  void aRulesDirectoryWritableByOthersIsRefusedAndItsRuleNeverRuns() throws IOException {
    Path dir = planted(tmp);
    mode(dir, "rwxrwxrwx");
    assertThatThrownBy(() -> fire(new RuleBookLoader().load(List.of(Path.of("rules"), dir))))
        .isInstanceOf(UntrustedPathException.class).hasMessageContaining(dir.toString()).hasMessageContaining("mode 0777")
        .hasMessageContaining("chmod go-w");
    assertThat(marker()).doesNotExist();
  }

  @Test
  void aGroupWritableParentIsRefusedAndItsRuleNeverRuns() throws IOException {
    Path parent = Files.createDirectories(tmp.resolve("team"));
    Path dir = planted(parent);
    mode(parent, "rwxrwxr-x");
    assertThatThrownBy(() -> fire(new RuleBookLoader().load(List.of(dir)))).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining(parent.toString()).hasMessageContaining("mode 0775");
    assertThat(marker()).doesNotExist();
  }

  @Test
  void aRuleFileOfAnotherUserIsRefused() throws IOException {
    Path dir = planted(tmp);
    chownNobody(dir.resolve("planted.drl"));
    assertThatThrownBy(() -> new RuleBookLoader().load(List.of(dir))).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("owned by nobody");
    assertThat(marker()).doesNotExist();
  }

  /** Plants the compiled planted rules as the cache entry of the benign rules; returns that entry. */
  private Path plantCacheEntry(Path dataDir, Path benign) throws IOException {
    Path cacheDir = dataDir.resolve("cache/rules");
    new RuleBookLoader(new RuleBookCache(cacheDir, dataDir, ROOT)).load(List.of(benign));
    Path entry = onlyEntry(cacheDir);
    Path evilCache = tmp.resolve("evil-cache");
    new RuleBookLoader(new RuleBookCache(evilCache, evilCache, ROOT)).load(List.of(planted(tmp)));
    Path evilEntry = onlyEntry(evilCache);
    // Same length hex keys: the evil entry, relabelled with the benign book's key.
    String evilKey = name(evilEntry);
    String key = name(entry);
    byte[] bytes = Files.readAllBytes(evilEntry);
    String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace(evilKey, key);
    Files.write(entry, latin.getBytes(StandardCharsets.ISO_8859_1));
    return entry;
  }

  private static String name(Path entry) {
    return entry.getFileName().toString().replace(".kpkgs", "");
  }

  private static Path onlyEntry(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".kpkgs")).findFirst().orElseThrow();
    }
  }

  @Test
  void aPlantedCacheEntryOwnedByAnotherUserIsRefusedAndItsRuleNeverRuns() throws IOException {
    Path dataDir = tmp.resolve("data");
    Path benign = benign();
    Path entry = plantCacheEntry(dataDir, benign);
    RuleBookLoader loader = new RuleBookLoader(new RuleBookCache(dataDir.resolve("cache/rules"), dataDir, ROOT));
    // The door: an entry the running user owns is read back as the book, planted rule included.
    RuleBook book = loader.load(List.of(benign));
    assertThat(book.cached()).isTrue();
    fire(book);
    assertThat(marker()).exists();
    Files.delete(marker());

    chownNobody(entry);
    assertThatThrownBy(() -> fire(loader.load(List.of(benign)))).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining(entry.toString()).hasMessageContaining("owned by nobody").hasMessageContaining("rm '");
    assertThat(marker()).doesNotExist();
  }

  @Test
  void aWorldWritableDataDirectoryIsRefusedBeforeItsCacheIsRead() throws IOException {
    Path dataDir = tmp.resolve("data");
    Path benign = benign();
    plantCacheEntry(dataDir, benign);
    mode(dataDir, "rwxrwxrwx");
    RuleBookLoader loader = new RuleBookLoader(new RuleBookCache(dataDir.resolve("cache/rules"), dataDir, ROOT));
    assertThatThrownBy(() -> fire(loader.load(List.of(benign)))).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("data directory " + dataDir).hasMessageContaining("mode 0777");
    assertThat(marker()).doesNotExist();
  }

  @Test
  void aCacheEntryHoldingAClassOutsideTheRuleBookIsIgnoredAndRecompiled() throws Exception {
    Path dataDir = tmp.resolve("data");
    Path benign = benign();
    RuleBookCache cache = new RuleBookCache(dataDir.resolve("cache/rules"), dataDir, ROOT);
    RuleBookLoader loader = new RuleBookLoader(cache);
    loader.load(List.of(benign));
    Path entry = onlyEntry(dataDir.resolve("cache/rules"));
    try (OutputStream out = Files.newOutputStream(entry); DroolsObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
      objects.writeUTF(name(entry));
      objects.writeInt(1);
      objects.writeObject(new CacheGadget(marker()));
    }
    assertThat(cache.read(name(entry), getClass().getClassLoader(), Set.of("benign"))).isEmpty();
    assertThat(marker()).doesNotExist();
    RuleBook again = loader.load(List.of(benign));
    assertThat(again.cached()).isFalse();
    assertThat(loader.load(List.of(benign)).cached()).isTrue();
    assertThat(marker()).doesNotExist();

    // Without the filter the same bytes act while being read: what the filter keeps out.
    try (OutputStream out = Files.newOutputStream(entry); DroolsObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
      objects.writeObject(new CacheGadget(marker()));
    }
    try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(entry))) {
      in.readObject();
    }
    assertThat(marker()).hasContent("deserialized");
  }

  @Test
  void theCacheIsCreatedPrivate() throws IOException {
    Path dataDir = tmp.resolve("new/data");
    new RuleBookLoader(new RuleBookCache(dataDir.resolve("cache/rules"), dataDir, ROOT)).load(List.of(benign()));
    for (Path dir : List.of(dataDir.resolve("cache"), dataDir.resolve("cache/rules"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString()).isEqualTo("rwx------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(onlyEntry(dataDir.resolve("cache/rules")))))
        .isEqualTo("rw-------");
  }
}
