package dev.dropdx.diagnosis;

/** dropdx could not run on this host (not root, no usable backend); the message says what to do. */
public class CannotDiagnoseException extends RuntimeException {
  public CannotDiagnoseException(String message) {
    super(message);
  }
}
