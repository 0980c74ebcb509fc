package dev.dropdx.support;

import dev.dropdx.knowledge.CauseEntry;
import dev.dropdx.knowledge.ReasonCatalog;
import java.nio.file.Path;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** The shipped drop reason pages, read once per test JVM, for tests that build a diagnosis session by hand. */
public final class ReasonPages {
  private static ReasonCatalog catalog;

  private ReasonPages() {}

  public static synchronized ReasonCatalog shipped() {
    if (catalog == null) {
      catalog = ReasonCatalog.load(Path.of("knowledge-base/reasons"),
          RuleHarness.knowledge().all().stream().map(CauseEntry::id).collect(Collectors.toSet()), JsonMapper.builder().build());
    }
    return catalog;
  }
}
