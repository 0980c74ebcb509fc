package dev.dropdx.lab;

/** A lab scenario could not be set up; the message names the command that failed. */
public class LabException extends RuntimeException {
  public LabException(String message) {
    super(message);
  }
}
