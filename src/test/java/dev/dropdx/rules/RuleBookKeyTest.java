package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache key follows the content of the classes compiled rules link against, not where they
 * live: the launcher's unpacked jar and target/dropdx.jar share an entry (issue 14), and a changed
 * fact class or imported class never reuses one.
 */
class RuleBookKeyTest {
  private static final Path CLASSES = Path.of("target/classes");
  private static final List<RuleSource> PLAIN = List.of(source("package p; import dev.dropdx.fact.Drop; rule \"r\" when then end"));
  private static final List<RuleSource> IMPORTING = List.of(source("package p;\nimport dev.dropdx.knowledge.ReasonPage;\nrule \"r\" when then end"));

  @Test
  void theSameClassesInADirectoryAndInAJarWrittenLaterGiveTheSameKey(@TempDir Path tmp) throws IOException {
    Path dir = copyClasses(tmp.resolve("dir"));
    Path jar = jar(dir, tmp.resolve("other/place/dropdx.jar"));
    assertThat(digest(jar, IMPORTING)).isEqualTo(digest(dir, IMPORTING));
    assertThat(digest(jar, PLAIN)).isEqualTo(digest(dir, PLAIN));
  }

  @Test
  void aChangedFactClassChangesTheKey(@TempDir Path tmp) throws IOException {
    Path dir = copyClasses(tmp.resolve("dir"));
    String before = digest(dir, PLAIN);
    flipLastByte(dir.resolve("dev/dropdx/fact/Drop.class"));
    assertThat(digest(dir, PLAIN)).isNotEqualTo(before);
  }

  @Test
  void aChangedClassCountsOnlyForTheRulesThatImportIt(@TempDir Path tmp) throws IOException {
    Path dir = copyClasses(tmp.resolve("dir"));
    String plain = digest(dir, PLAIN);
    String importing = digest(dir, IMPORTING);
    assertThat(importing).isNotEqualTo(plain);
    flipLastByte(dir.resolve("dev/dropdx/knowledge/ReasonPage.class"));
    assertThat(digest(dir, PLAIN)).isEqualTo(plain);
    assertThat(digest(dir, IMPORTING)).isNotEqualTo(importing);
  }

  private static RuleSource source(String text) {
    return new RuleSource(Path.of("rules/p/r.drl"), 1, "p/d1_r.drl", text);
  }

  private static String digest(Path classpath, List<RuleSource> sources) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
      return RuleBookKey.classesDigest(loader, sources);
    }
  }

  /** The fact and knowledge classes of this build, as a class directory. */
  private static Path copyClasses(Path to) throws IOException {
    for (String pkg : List.of("dev/dropdx/fact", "dev/dropdx/knowledge")) {
      Files.createDirectories(to.resolve(pkg));
      try (Stream<Path> files = Files.list(CLASSES.resolve(pkg))) {
        for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          Files.copy(f, to.resolve(pkg).resolve(f.getFileName()));
        }
      }
    }
    assertThat(to.resolve("dev/dropdx/fact/Drop.class")).exists();
    return to;
  }

  private static Path jar(Path dir, Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(f -> !f.equals(dir)).sorted().toList()) {
        boolean directory = Files.isDirectory(f);
        JarEntry e = new JarEntry(dir.relativize(f) + (directory ? "/" : "")); // directory entries as jar tools write them
        if (directory) {
          zip.putNextEntry(e);
          zip.closeEntry();
          continue;
        }
        e.setLastModifiedTime(FileTime.fromMillis(System.currentTimeMillis() + 86_400_000L)); // another build time
        zip.putNextEntry(e);
        zip.write(Files.readAllBytes(f));
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static void flipLastByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
  }
}
