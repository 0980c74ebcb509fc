package dev.dropdx.knowledge;

import dev.dropdx.config.DropdxPaths;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Loads the knowledge base on first use: the main directory plus each rules directory's knowledge-base/. */
@Component
public class KnowledgeBaseProvider {
  private final DropdxPaths paths;
  private final JsonMapper json;
  private KnowledgeBase loaded;

  public KnowledgeBaseProvider(DropdxPaths paths, JsonMapper json) {
    this.paths = paths;
    this.json = json;
  }

  public synchronized KnowledgeBase get() {
    if (loaded == null) {
      loaded = KnowledgeBase.load(paths.knowledgeBase(), paths.teamKnowledgeBases(), json);
    }
    return loaded;
  }
}
