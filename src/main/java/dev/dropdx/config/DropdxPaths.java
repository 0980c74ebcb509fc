package dev.dropdx.config;

import dev.dropdx.trust.PathTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.stereotype.Component;

/**
 * Resolves the configured rules directories and knowledge base. A relative path is taken from
 * the working directory when it exists there, else from the project directory the jar was built
 * in (so {@code java -jar target/dropdx.jar} finds {@code rules/} from anywhere).
 */
@Component
public class DropdxPaths {
  private final List<String> rulesDirs;
  private final String knowledgeBase;
  private final Path home;
  private final PathTrust trust;

  /**
   * @param rulesDirs the built-in and configured rule directories, comma-separated
   * @param teamDirs more directories (from --rules DIR, repeatable), loaded after them
   * @param knowledgeBase the knowledge-base directory
   */
  public DropdxPaths(String rulesDirs, String teamDirs, String knowledgeBase) {
    this(rulesDirs, teamDirs, knowledgeBase, new PathTrust());
  }

  /**
   * @param trust refuses a knowledge base a stranger could change (its lab scenarios run
   *     commands as root and its words reach the reports)
   */
  @Autowired
  public DropdxPaths(
      @Value("${dropdx.rules.dirs:rules}") String rulesDirs,
      @Value("${dropdx.rules.team-dirs:}") String teamDirs,
      @Value("${dropdx.knowledge-base:knowledge-base}") String knowledgeBase,
      PathTrust trust) {
    this.trust = trust;
    this.rulesDirs = Arrays.stream((rulesDirs + "," + teamDirs).split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    this.knowledgeBase = knowledgeBase;
    Path jarDir = new ApplicationHome(DropdxPaths.class).getDir().toPath();
    this.home = jarDir.getFileName() != null && jarDir.getFileName().toString().equals("target") ? jarDir.getParent() : jarDir;
  }

  /** The configured rules directories, resolved. */
  public List<Path> rulesDirs() {
    return rulesDirs.stream().map(this::resolve).toList();
  }

  /**
   * Each rules directory's own knowledge-base/ folder, where a team keeps the entries of its
   * causes; each checked by {@link PathTrust} (an {@link dev.dropdx.trust.UntrustedPathException} refuses it).
   */
  public java.util.List<Path> teamKnowledgeBases() {
    List<Path> dirs = rulesDirs().stream().map(d -> d.resolve("knowledge-base")).filter(Files::isDirectory).toList();
    dirs.forEach(d -> trust.requireTrusted(d, "knowledge-base directory"));
    return dirs;
  }

  /** The knowledge base directory, resolved and checked by {@link PathTrust} (everything in it is read as trusted). */
  public Path knowledgeBase() {
    Path dir = resolve(knowledgeBase);
    trust.requireTrusted(dir, "knowledge-base directory");
    return dir;
  }

  /** Resolves a user-given path the same way as the configured ones. */
  public Path resolve(String path) {
    Path p = Path.of(path);
    if (p.isAbsolute() || Files.exists(p) || home == null) {
      return p.toAbsolutePath().normalize();
    }
    Path fromHome = home.resolve(p);
    return (Files.exists(fromHome) ? fromHome : p).toAbsolutePath().normalize();
  }
}
