package dev.dropdx.fact;

/**
 * A kernel SNMP/netstat counter of a namespace (nstat naming: UdpNoPorts, TcpExtListenOverflows),
 * read twice to see whether it still rises.
 *
 * @param netns namespace name
 * @param name table prefix + field, e.g. UdpRcvbufErrors
 * @param value value at the second reading
 * @param increase how much it rose between the two readings
 * @param seconds time between the two readings
 */
public record Counter(String netns, String name, long value, long increase, double seconds) implements Evidence {

  @Override
  public String describe() {
    return name + " = " + value + " (+" + increase + " in " + seconds + " s)" + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
