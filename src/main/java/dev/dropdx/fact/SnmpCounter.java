package dev.dropdx.fact;

/**
 * One SNMP/netstat counter of a network namespace (from /proc/net/snmp or /proc/net/netstat),
 * named the way nstat names it: group and field joined, e.g. IpInHdrErrors, IpExtInCsumErrors.
 *
 * @param netns namespace name ("" for dropdx's own)
 * @param name nstat-style name, e.g. IpExtInNoRoutes
 * @param value the counter's value when last read (cumulative since the namespace was created)
 * @param increase how much it grew between two reads {@code seconds} apart; -1 when read once
 * @param seconds the interval between the two reads, 0 when read once
 */
public record SnmpCounter(String netns, String name, long value, long increase, int seconds) implements Evidence {

  /** True when the counter grew while dropdx watched, or (read once) is non-zero. */
  public boolean moving() {
    return increase >= 0 ? increase > 0 : value > 0;
  }

  @Override
  public String describe() {
    String growth = increase >= 0 ? " (+" + increase + " in " + seconds + " s)" : "";
    return name + " = " + value + growth + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
