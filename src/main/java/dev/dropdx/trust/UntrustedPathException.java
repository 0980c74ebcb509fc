package dev.dropdx.trust;

import java.nio.file.Path;

/** A path dropdx would load code or knowledge from is changeable by someone other than root or the invoking user. */
public class UntrustedPathException extends RuntimeException {
  private final transient Path path;

  public UntrustedPathException(Path path, String message) {
    super(message);
    this.path = path;
  }

  /** The offending path (a file or a directory above it). */
  public Path path() {
    return path;
  }
}
