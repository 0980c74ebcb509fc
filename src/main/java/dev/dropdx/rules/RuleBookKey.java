package dev.dropdx.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.common.DroolsObjectOutputStream;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The compiled-rules cache key: a SHA-256 over every rule file (directory order, name, text), the
 * Drools release and the content of the dropdx classes compiled rules link against: every fact
 * class and every other dropdx class a rule file imports (e.g. common/family.drl's ReasonPage), with
 * their nested classes. Changed classes must not reuse the compiled consequences; their bytes, not
 * the jar's path or time, decide, so the same build run as {@code target/dropdx.jar} or from the
 * launcher's unpacked copy ({@code bin/dropdx}) shares one entry instead of compiling once more.
 */
final class RuleBookKey {
  /** Bumped when the cache's file layout or this key changes. */
  private static final String FORMAT = "dropdx-rules-cache 2";
  /** The fact classes, which every rule matches on. */
  private static final String FACTS = "classpath*:dev/dropdx/fact/*.class";
  /** A rule file's import of another dropdx class. */
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(dev\\.dropdx\\.[A-Za-z0-9_.]+)\\s*;");

  private RuleBookKey() {}

  static String of(List<RuleSource> sources) {
    MessageDigest sha = sha256();
    field(sha, FORMAT);
    field(sha, "drools " + droolsRelease());
    field(sha, "dropdx classes " + classesDigest(RuleBookKey.class.getClassLoader(), sources));
    for (RuleSource source : sources) {
      field(sha, source.dirIndex() + " " + source.resource());
      field(sha, source.text());
    }
    return RuleBookCache.hex(sha.digest());
  }

  /**
   * SHA-256 over the fact classes and the dropdx classes the sources import, as this loader finds
   * them (name and bytes, sorted by name), wherever they live: a jar, a nested jar, a class
   * directory. Unreadable classes give a key that never matches (compile).
   */
  static String classesDigest(ClassLoader loader, List<RuleSource> sources) {
    Set<String> patterns = new TreeSet<>(Set.of(FACTS));
    for (RuleSource source : sources) {
      Matcher m = IMPORT.matcher(source.text());
      while (m.find()) {
        String path = m.group(1).replace('.', '/');
        patterns.add("classpath*:" + path + ".class");
        patterns.add("classpath*:" + path + "$*.class");
      }
    }
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
    MessageDigest sha = sha256();
    try {
      for (String pattern : patterns) {
        Resource[] classes = resolver.getResources(pattern);
        Arrays.sort(classes, Comparator.comparing(r -> String.valueOf(r.getFilename())));
        field(sha, pattern + " " + classes.length);
        for (Resource r : classes) {
          field(sha, String.valueOf(r.getFilename()));
          try (InputStream in = r.getInputStream()) {
            sha.update(in.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      return "unreadable " + System.nanoTime();
    }
    return RuleBookCache.hex(sha.digest());
  }

  /** Drools' release (its jar's Implementation-Version); without one, where the jar is, its size and time. */
  private static String droolsRelease() {
    Package pkg = DroolsObjectOutputStream.class.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    if (version != null) {
      return version;
    }
    java.io.File home = new ApplicationHome(DroolsObjectOutputStream.class).getSource();
    if (home == null) {
      return "?";
    }
    return home + " " + home.length() + " " + home.lastModified();
  }

  /** Adds one length-prefixed value, so that no two sequences of values hash alike. */
  static void field(MessageDigest sha, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(bytes);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
