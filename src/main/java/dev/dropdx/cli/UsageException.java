package dev.dropdx.cli;

/** Bad input or usage: exit code 2, one line that says what to do. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
