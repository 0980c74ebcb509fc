package dev.dropdx.fact;

/**
 * A kernel SNMP/netstat counter of a namespace (nstat naming: UdpNoPorts, TcpExtListenOverflows),
 * read twice to see whether it still rises.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param name table prefix + field, e.g. UdpRcvbufErrors
 * @param value value at the second reading, e.g. 318
 * @param increase how much it rose between the two readings, e.g. 42
 * @param seconds time between the two readings, e.g. 1.0
 */
public record Counter(String netns, String name, long value, long increase, double seconds) implements Evidence {

  @Override
  public String describe() {
    return name + " = " + value + " (+" + increase + " in " + seconds + " s)" + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
