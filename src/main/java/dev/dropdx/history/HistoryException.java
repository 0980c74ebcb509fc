package dev.dropdx.history;

/** The history database could not be used; the message says where and what to do. */
public class HistoryException extends RuntimeException {
  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }

  public HistoryException(String message) {
    super(message);
  }
}
