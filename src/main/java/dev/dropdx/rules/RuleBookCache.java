package dev.dropdx.rules;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import dev.dropdx.trust.PathTrust;
import dev.dropdx.trust.UntrustedPathException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.UncheckedIOException;
import java.io.ObjectInputFilter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Compiled rule packages on disk, so a start with unchanged rules skips the DRL compile (most of
 * the start-up cost). The key is a hash of the rule files, their directories' order, the Drools
 * version and the classes the rules link against ({@link RuleBookKey}); a file that cannot be read
 * back for any reason counts as a miss and is replaced. Only books that compiled cleanly are
 * stored. Files are written to a temporary name and moved into place, so a concurrent reader never
 * sees half a file.
 */
@Component
public class RuleBookCache {
  private static final String SUFFIX = ".kpkgs";
  /** Other rule sets (team directories) keep their entries; only the oldest beyond this go. */
  private static final int KEEP = 8;
  /** Markers of passed rule-book checks ({@link #checksPassed}): empty files, a few more kept. */
  private static final String CHECKED = ".checked";
  private static final int KEEP_CHECKED = 16;
  /**
   * What a compiled book is made of (measured on the built-in rules: Drools and KIE classes, the
   * fact records, and JDK collections, locks and boxed values); with the book's own DRL packages
   * nothing else is deserialized. JDK packages match exactly, so e.g. java.lang.invoke or
   * java.lang.reflect stay out.
   */
  private static final List<String> LIBRARY_PREFIXES = List.of("org.drools.", "org.kie.", "org.mvel2.");
  private static final Set<String> EXACT_PACKAGES = Set.of("dev.dropdx.fact", "java.lang", "java.util", "java.util.concurrent",
      "java.util.concurrent.atomic", "java.util.concurrent.locks", "java.math", "java.time");
  private static final Logger LOG = LoggerFactory.getLogger(RuleBookCache.class);
  private final Path dir;
  private final Path dataDir;
  private final PathTrust trust;

  @org.springframework.beans.factory.annotation.Autowired
  public RuleBookCache(@Value("${dropdx.data-dir:${user.home}/.local/share/dropdx}") String dataDir, PathTrust trust) {
    this(Path.of(dataDir).resolve("cache").resolve("rules"), Path.of(dataDir), trust);
  }

  /** A cache in this very directory (tests). */
  public RuleBookCache(Path dir) {
    this(dir, dir, new PathTrust());
  }

  /**
   * @param dir where the entries live
   * @param dataDir the data directory it belongs to (checked itself, not only as a directory above)
   * @param trust the owners and modes a cache may have
   */
  public RuleBookCache(Path dir, Path dataDir, PathTrust trust) {
    this.dir = dir;
    this.dataDir = dataDir;
    this.trust = trust;
  }

  /** The file an entry lives in. */
  Path fileOf(String key) {
    return dir.resolve(key + SUFFIX);
  }

  /**
   * The cached knowledge base for the key, or empty when missing, unreadable or from elsewhere.
   * The data directory and the cache must be trusted and the entry the running user's own and
   * private ({@link UntrustedPathException} otherwise); only classes of the book's own packages,
   * dropdx, Drools and JDK basics are deserialized: an entry holding anything else is ignored
   * (and replaced by a compile), with a warning.
   *
   * @param rulePackages the DRL packages of the book
   */
  public Optional<KieBase> read(String key, ClassLoader loader, Set<String> rulePackages) {
    trust.requireTrustedDirectory(dataDir, "data directory");
    trust.requireTrustedDirectory(dir, "rules cache directory");
    Path file = fileOf(key);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    trust.requireOwnPrivateFile(file, "rules cache entry");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
        DroolsObjectInputStream objects = new DroolsObjectInputStream(in, loader)) {
      objects.setObjectInputFilter(filter(rulePackages));
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
    } catch (InvalidClassException e) {
      LOG.warn("ignored the rules cache entry {}: it holds a class outside the rule book ({}); compiling the rules instead", file,
          e.getMessage());
      return Optional.empty();
    } catch (Exception | LinkageError e) {
      // A corrupt, truncated or incompatible entry: compile instead, and the fresh book replaces it.
      return Optional.empty();
    }
  }

  /** Allows only the book's own classes, the facts, Drools' and JDK basics; arrays by their element type. */
  static ObjectInputFilter filter(Set<String> rulePackages) {
    return info -> {
      Class<?> type = info.serialClass();
      if (type == null) {
        return ObjectInputFilter.Status.UNDECIDED;
      }
      while (type.isArray()) {
        type = type.getComponentType();
      }
      if (type.isPrimitive()) {
        return ObjectInputFilter.Status.ALLOWED;
      }
      String name = type.getName();
      String pkg = type.getPackageName();
      boolean allowed = EXACT_PACKAGES.contains(pkg) || rulePackages.contains(pkg) || LIBRARY_PREFIXES.stream().anyMatch(name::startsWith);
      return allowed ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };
  }

  /** Stores the packages of a cleanly compiled book; failures only cost the next start a compile. */
  public void write(String key, Collection<KiePackage> packages) {
    Path tmp = null;
    try {
      createPrivateDirectories(dir);
      tmp = Files.createTempFile(dir, key, ".tmp"); // 0600: an entry is private to the user who wrote it
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

  /**
   * Whether the rule-book checks passed before on exactly these inputs ({@link RuleBookCheckMemo}):
   * a marker the running user wrote, private to them, in this cache. Anything else (no marker, a
   * stranger's, an untrusted directory) is a no: the checks run.
   */
  public boolean checksPassed(String key) {
    try {
      trust.requireTrustedDirectory(dataDir, "data directory");
      trust.requireTrustedDirectory(dir, "rules cache directory");
      Path file = dir.resolve(key + CHECKED);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      trust.requireOwnPrivateFile(file, "rule-book checks marker");
      return true;
    } catch (UntrustedPathException | UncheckedIOException e) {
      return false;
    }
  }

  /** Remembers that the checks passed on these inputs; a failure only costs the next start the checks. */
  public void rememberChecksPassed(String key) {
    Path tmp = null;
    try {
      createPrivateDirectories(dir);
      tmp = Files.createTempFile(dir, key, ".tmp"); // 0600
      Files.move(tmp, dir.resolve(key + CHECKED), StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
      prune(CHECKED, KEEP_CHECKED);
    } catch (IOException | RuntimeException e) {
      // not fatal
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Creates the missing directories 0700 (existing ones are left as they are). */
  static void createPrivateDirectories(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    if (absolute.getParent() != null) {
      createPrivateDirectories(absolute.getParent());
    }
    try {
      if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(absolute);
      }
    } catch (FileAlreadyExistsException e) {
      // a concurrent run made it
    }
  }

  private void prune() throws IOException {
    prune(SUFFIX, KEEP);
  }

  private void prune(String suffix, int keep) throws IOException {
    List<Path> entries;
    try (Stream<Path> files = Files.list(dir)) {
      entries = files.filter(f -> f.getFileName().toString().endsWith(suffix))
          .sorted(Comparator.comparing(RuleBookCache::modified).reversed()).toList();
    }
    entries.stream().skip(keep).forEach(RuleBookCache::deleteQuietly);
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
