package dev.dropdx.evidence;

/** A bundle that cannot be read: malformed, truncated, too large or from a newer dropdx. */
public class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }
}
