package dev.dropdx.netns;

/** A namespace the user named does not exist: bad input, said in one line. */
public class NetnsException extends RuntimeException {
  public NetnsException(String message) {
    super(message);
  }
}
