package dev.dropdx.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.springframework.boot.system.ApplicationHome;

/**
 * The compiled-rules cache key: a SHA-256 over every rule file (directory order, name, text), the
 * Drools build and the dropdx build. Compiled consequences link against dropdx's fact classes, so
 * a rebuilt jar (or recompiled fact classes) must not reuse them.
 */
final class RuleBookKey {
  /** Bumped when the cache's file layout changes. */
  private static final String FORMAT = "dropdx-rules-cache 1";

  private RuleBookKey() {}

  static String of(List<RuleSource> sources) {
    MessageDigest sha = sha256();
    field(sha, FORMAT);
    field(sha, "drools " + buildOf(DroolsObjectOutputStream.class));
    field(sha, "dropdx " + buildOf(RuleBookKey.class));
    for (RuleSource source : sources) {
      field(sha, source.dirIndex() + " " + source.resource());
      field(sha, source.text());
    }
    return RuleBookCache.hex(sha.digest());
  }

  /** Where the class was loaded from, with its size and time: any rebuild changes it. */
  private static String buildOf(Class<?> type) {
    Package pkg = type.getPackage();
    StringBuilder id = new StringBuilder(String.valueOf(pkg == null ? null : pkg.getImplementationVersion()));
    java.io.File home = new ApplicationHome(type).getSource();
    Path source = home == null ? null : home.toPath();
    if (source == null) {
      return id.append(" ?").toString();
    }
    id.append(' ').append(source);
    try {
      if (Files.isRegularFile(source)) {
        return id.append(' ').append(Files.size(source)).append(' ').append(Files.getLastModifiedTime(source).toMillis()).toString();
      }
      // A class directory (tests, IDE): the fact classes the consequences link against.
      Path facts = source.resolve("dev/dropdx/fact");
      if (Files.isDirectory(facts)) {
        try (Stream<Path> files = Files.list(facts)) {
          for (Path f : files.sorted().toList()) {
            id.append(' ').append(f.getFileName()).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis());
          }
        }
      }
    } catch (IOException e) {
      id.append(" unreadable ").append(System.nanoTime()); // never matches: compile
    }
    return id.toString();
  }

  private static void field(MessageDigest sha, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
