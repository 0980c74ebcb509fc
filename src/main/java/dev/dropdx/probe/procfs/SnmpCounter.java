package dev.dropdx.probe.procfs;

import java.util.List;
import java.util.Optional;

/** Reads one counter from /proc/net/snmp, where each group is a header line and a value line. */
public final class SnmpCounter {
  private SnmpCounter() {}

  /** The value of Ip:NAME (e.g. InUnknownProtos), if the text has it. */
  public static Optional<Long> ip(String snmp, String name) {
    return value(snmp, "Ip", name);
  }

  /** The value of GROUP:NAME, if the text has it. */
  public static Optional<Long> value(String snmp, String group, String name) {
    if (snmp == null) {
      return Optional.empty();
    }
    List<String> lines = snmp.lines().filter(l -> l.startsWith(group + ":")).toList();
    if (lines.size() < 2) {
      return Optional.empty();
    }
    String[] names = lines.get(0).trim().split("\\s+");
    String[] values = lines.get(1).trim().split("\\s+");
    for (int i = 1; i < names.length && i < values.length; i++) {
      if (names[i].equals(name)) {
        try {
          return Optional.of(Long.parseLong(values[i]));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
