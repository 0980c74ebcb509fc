package dev.dropdx.rules;

import dev.dropdx.config.DropdxPaths;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Holds the active rule book: loaded on first use (so `help` never pays for compiling rules),
 * replaced only by a reload that compiles.
 */
@Component
public class RuleBookProvider {
  private final RuleBookLoader loader;
  private final DropdxPaths paths;
  private RuleBook active;

  public RuleBookProvider(RuleBookLoader loader, DropdxPaths paths) {
    this.loader = loader;
    this.paths = paths;
  }

  /** The active rules, compiling the configured directories the first time. */
  public synchronized RuleBook get() {
    if (active == null) {
      active = loader.load(paths.rulesDirs());
    }
    return active;
  }

  /** Compiles the configured directories again; on error the previous rules stay active. */
  public synchronized RuleBook reload() {
    active = loader.load(paths.rulesDirs());
    return active;
  }

  /** Compiles other directories without making them active (for `rules validate`). */
  public RuleBook compile(List<Path> dirs) {
    return loader.load(dirs);
  }
}
