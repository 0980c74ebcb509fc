package dev.dropdx.collect;

/** A collect plan that cannot be read; the message names the file and line. */
public class CollectPlanException extends RuntimeException {
  public CollectPlanException(String message) {
    super(message);
  }
}
