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

  /** The probes that run `ip`: available where iproute2 is installed. */
  public static Availability iproute2(dev.dropdx.fact.HostFacts host) {
    return host.hasTool("ip") ? yes() : no("iproute2 is not installed: apt-get install iproute2");
  }
}
