package dev.dropdx.knowledge;

/** The knowledge base is missing or has invalid entries. */
public class KnowledgeBaseException extends RuntimeException {
  public KnowledgeBaseException(String message) {
    super(message);
  }
}
