package dev.dropdx.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.knowledge.KnowledgeBaseProvider;
import dev.dropdx.knowledge.ReasonCatalogProvider;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookCache;
import dev.dropdx.rules.RuleBookException;
import dev.dropdx.rules.RuleBookLoader;
import dev.dropdx.rules.RuleBookProvider;
import dev.dropdx.support.SharedLabWiring;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

class RulesPreloadTest {
  @RegisterExtension
  static final SharedLabWiring WIRING = new SharedLabWiring();
  private final DropdxPaths paths = new DropdxPaths("rules", "", "knowledge-base");
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void loadsTheRuleBookOnceInTheBackgroundAndTheFirstDiagnosisFindsItLoaded() throws Exception {
    CountingLoader loader = new CountingLoader(WIRING.get().bean(RuleBookCache.class), 0);
    RuleBookProvider rules = new RuleBookProvider(loader, paths);
    KnowledgeBaseProvider knowledge = new KnowledgeBaseProvider(paths, json);
    RulesPreload preload = new RulesPreload(rules, knowledge, new ReasonCatalogProvider(paths, knowledge, json));

    preload.start();
    preload.start(); // a second start does nothing
    waitUntil(() -> loader.loads.get() == 1 && loader.done.get() == 1);
    RuleBook book = rules.get();

    assertThat(book.rules()).isNotEmpty();
    assertThat(loader.loads).hasValue(1); // the diagnosis took the preloaded book, no second load
  }

  @Test
  void aFailedBackgroundLoadIsLeftForTheFirstDiagnosisToLoadAgainAndReport() throws Exception {
    CountingLoader loader = new CountingLoader(WIRING.get().bean(RuleBookCache.class), 1);
    RuleBookProvider rules = new RuleBookProvider(loader, paths);
    KnowledgeBaseProvider knowledge = new KnowledgeBaseProvider(paths, json);
    RulesPreload preload = new RulesPreload(rules, knowledge, new ReasonCatalogProvider(paths, knowledge, json));

    preload.start(); // fails on its thread, silently
    waitUntil(() -> loader.loads.get() == 1);
    RuleBook book = rules.get();

    assertThat(loader.loads).hasValue(2);
    assertThat(book.rules()).isNotEmpty();
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60 s for the background load").isLessThan(end);
      Thread.sleep(10);
    }
  }

  /** The real loader (rules cache included), counting its loads; the first {@code failures} throw as broken rules do. */
  private static final class CountingLoader extends RuleBookLoader {
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    private final int failures;

    CountingLoader(RuleBookCache cache, int failures) {
      super(cache);
      this.failures = failures;
    }

    @Override
    public RuleBook load(List<Path> directories) {
      if (loads.incrementAndGet() <= failures) {
        throw new RuleBookException("broken on purpose", List.of());
      }
      RuleBook book = super.load(directories);
      done.incrementAndGet();
      return book;
    }
  }
}
