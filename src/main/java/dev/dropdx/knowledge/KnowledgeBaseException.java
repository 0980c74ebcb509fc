package dev.dropdx.knowledge;

/** The knowledge base is missing or has invalid entries. */
public class KnowledgeBaseException extends RuntimeException {
  private final transient java.util.List<KnowledgeProblem> problems;

  public KnowledgeBaseException(String message) {
    this(message, java.util.List.of());
  }

  /** @param problems each invalid entry with file and line, so `rules validate` can list them */
  public KnowledgeBaseException(String message, java.util.List<KnowledgeProblem> problems) {
    super(message);
    this.problems = java.util.List.copyOf(problems);
  }

  /** The invalid entries with file and line; empty when the problem is not one entry's. */
  public java.util.List<KnowledgeProblem> problems() {
    return problems;
  }
}
