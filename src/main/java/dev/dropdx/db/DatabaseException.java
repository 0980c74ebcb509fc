package dev.dropdx.db;

/** The dropdx database (history, knowledge index) could not be used; the message says where and what to do. */
public class DatabaseException extends RuntimeException {
  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
