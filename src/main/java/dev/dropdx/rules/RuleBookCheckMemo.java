package dev.dropdx.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The key under which a passed run of the rule-book checks is remembered ({@link
 * RuleBookCache#checksPassed}): a hash of the DRL sources, every file under the rules directories
 * and under each check's {@link RuleBookCheck.Inputs} (by content), the checks' other values and the
 * build that checked. Parsing the lab scenarios and the knowledge base at every start was about 13 %
 * of a replay; with the key, a start whose inputs are unchanged reads one marker instead. Any
 * change to any of them is another key, so the checks run again and a problem refuses the book as
 * before; a failed run is never remembered.
 */
final class RuleBookCheckMemo {
  private static final String FORMAT = "dropdx-rule-checks 1";

  private RuleBookCheckMemo() {
  }

  /**
   * The key, or empty when a check cannot say what it reads or the build has no stable identity
   * (classes from a directory, as in tests): then the checks run at every load.
   *
   * @param build this build's identity ({@link #buildOf}), empty when it has none
   */
  static Optional<String> key(List<RuleSource> sources, List<Path> directories, List<RuleBookCheck> checks, Optional<String> build) {
    if (build.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest sha = RuleBookKey.sha256();
    RuleBookKey.field(sha, FORMAT);
    RuleBookKey.field(sha, "build " + build.get());
    for (RuleSource source : sources) {
      RuleBookKey.field(sha, source.file().toAbsolutePath().normalize() + " " + source.dirIndex() + " " + source.resource());
      RuleBookKey.field(sha, source.text());
    }
    List<Path> paths = new ArrayList<>(directories);
    for (RuleBookCheck check : checks) {
      Optional<RuleBookCheck.Inputs> inputs = check.inputs(directories);
      if (inputs.isEmpty()) {
        return Optional.empty();
      }
      RuleBookKey.field(sha, "check " + check.getClass().getName());
      inputs.get().values().forEach(v -> RuleBookKey.field(sha, v));
      paths.addAll(inputs.get().paths());
    }
    try {
      for (Path path : paths) {
        digestTree(sha, path.toAbsolutePath().normalize());
      }
    } catch (UncheckedIOException e) {
      return Optional.empty(); // an unreadable input: the checks run and say what is wrong
    }
    return Optional.of(RuleBookCache.hex(sha.digest()));
  }

  /**
   * The identity of the build a class came from: its jar's path, size and modification time
   * (hashing a 37 MB jar at every start would cost more than it saves); empty for a class
   * directory, whose files change one by one.
   */
  static Optional<String> buildOf(Class<?> type) {
    return buildOf(type, System.getProperty("java.class.path", ""));
  }

  /**
   * As {@link #buildOf(Class)}, the class path given: a class inside Spring Boot's jar
   * ({@code java -jar target/dropdx.jar}) has a nested location, so the jar on the class path
   * stands for it when it is the only entry.
   */
  static Optional<String> buildOf(Class<?> type, String classPath) {
    try {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path jar = null;
      if ("file".equals(source.getLocation().getProtocol())) {
        jar = Path.of(source.getLocation().toURI());
      } else if (!classPath.isEmpty() && !classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
        jar = Path.of(classPath);
      }
      if (jar == null || !Files.isRegularFile(jar)) {
        return Optional.empty();
      }
      return Optional.of(jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis());
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Every regular file under the path (or the file itself), by relative name and content, sorted; a missing path counts as such. */
  private static void digestTree(MessageDigest sha, Path root) {
    RuleBookKey.field(sha, "path " + root);
    if (!Files.exists(root)) {
      RuleBookKey.field(sha, "missing");
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    for (Path file : files) {
      RuleBookKey.field(sha, root.relativize(file).toString());
      try {
        byte[] bytes = Files.readAllBytes(file);
        RuleBookKey.field(sha, bytes.length + "");
        sha.update(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }
}
