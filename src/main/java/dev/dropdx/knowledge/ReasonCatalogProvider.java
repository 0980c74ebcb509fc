package dev.dropdx.knowledge;

import dev.dropdx.config.DropdxPaths;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Loads the drop reason pages on first use, checking their causes against the knowledge base. */
@Component
public class ReasonCatalogProvider {
  /** The reasons directory inside the knowledge base. */
  public static final String DIRECTORY = "reasons";

  private final DropdxPaths paths;
  private final KnowledgeBaseProvider causes;
  private final JsonMapper json;
  private ReasonCatalog loaded;

  public ReasonCatalogProvider(DropdxPaths paths, KnowledgeBaseProvider causes, JsonMapper json) {
    this.paths = paths;
    this.causes = causes;
    this.json = json;
  }

  public synchronized ReasonCatalog get() {
    if (loaded == null) {
      Set<String> ids = causes.get().all().stream().map(CauseEntry::id).collect(Collectors.toSet());
      loaded = ReasonCatalog.load(paths.knowledgeBase().resolve(DIRECTORY), ids, json);
    }
    return loaded;
  }
}
