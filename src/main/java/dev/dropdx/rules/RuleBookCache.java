package dev.dropdx.rules;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Compiled rule packages on disk, so a start with unchanged rules skips the DRL compile (most of
 * the start-up cost). The key is a hash of the rule files, their directories' order, the Drools
 * version and the dropdx build (computed by {@link RuleBookLoader}); a file that cannot be read
 * back for any reason counts as a miss and is replaced. Only books that compiled cleanly are
 * stored. Files are written to a temporary name and moved into place, so a concurrent reader never
 * sees half a file.
 */
@Component
public class RuleBookCache {
  private static final String SUFFIX = ".kpkgs";
  /** Other rule sets (team directories) keep their entries; only the oldest beyond this go. */
  private static final int KEEP = 8;
  private final Path dir;

  @org.springframework.beans.factory.annotation.Autowired
  public RuleBookCache(@Value("${dropdx.data-dir:${user.home}/.local/share/dropdx}") String dataDir) {
    this(Path.of(dataDir).resolve("cache").resolve("rules"));
  }

  /** A cache in this very directory (tests). */
  public RuleBookCache(Path dir) {
    this.dir = dir;
  }

  /** The file an entry lives in. */
  Path fileOf(String key) {
    return dir.resolve(key + SUFFIX);
  }

  /** The cached knowledge base for the key, or empty when missing, unreadable or from elsewhere. */
  public Optional<KieBase> read(String key, ClassLoader loader) {
    Path file = fileOf(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        DroolsObjectInputStream objects = new DroolsObjectInputStream(in, loader)) {
      if (!key.equals(objects.readUTF())) {
        return Optional.empty();
      }
      List<InternalKnowledgePackage> packages = new ArrayList<>();
      int n = objects.readInt();
      for (int i = 0; i < n; i++) {
        packages.add((InternalKnowledgePackage) objects.readObject());
      }
      InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(RuleBookLoader.configuration(loader));
      base.addPackages(packages);
      return Optional.of(base);
    } catch (Exception | LinkageError e) {
      // A corrupt, truncated or incompatible entry: compile instead, and the fresh book replaces it.
      return Optional.empty();
    }
  }

  /** Stores the packages of a cleanly compiled book; failures only cost the next start a compile. */
  public void write(String key, Collection<KiePackage> packages) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, key, ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp));
          DroolsObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
        objects.writeUTF(key);
        objects.writeInt(packages.size());
        for (KiePackage pkg : packages) {
          objects.writeObject(pkg);
        }
      }
      try {
        Files.move(tmp, fileOf(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, fileOf(key), StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      prune();
    } catch (IOException | RuntimeException e) {
      // Not fatal: the book is compiled and in use; the next start compiles again.
    } finally {
      deleteQuietly(tmp);
    }
  }

  private void prune() throws IOException {
    List<Path> entries;
    try (Stream<Path> files = Files.list(dir)) {
      entries = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
          .sorted(Comparator.comparing(RuleBookCache::modified).reversed()).toList();
    }
    entries.stream().skip(KEEP).forEach(RuleBookCache::deleteQuietly);
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // an entry that cannot be removed is only disk space
    }
  }

  /** Hex of a SHA-256 digest (the cache key's form). */
  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
