package dev.dropdx.probe;

/**
 * Whether a probe can run on this host.
 *
 * @param available true when it can
 * @param reason when it cannot: what is missing and how to get it
 */
public record Availability(boolean available, String reason) {

  public static Availability yes() {
    return new Availability(true, "");
  }

  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
