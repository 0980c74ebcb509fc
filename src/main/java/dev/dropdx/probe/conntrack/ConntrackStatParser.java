package dev.dropdx.probe.conntrack;

import dev.dropdx.fact.ConntrackStat;
import java.util.Arrays;
import java.util.List;

/**
 * Sums the per-CPU rows of /proc/net/stat/nf_conntrack by the column names of its header line
 * (the set of columns differs between kernels, so positions are never assumed).
 */
public final class ConntrackStatParser {
  private ConntrackStatParser() {}

  public static ConntrackStat parse(String netns, String text) {
    List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return new ConntrackStat(netns, 0, 0, 0, 0, 0);
    }
    List<String> header = Arrays.asList(lines.get(0).split("\\s+"));
    long[] sums = new long[header.size()];
    int cpus = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\\s+");
      if (cells.length != header.size()) {
        continue; // a torn or foreign line: skip it rather than misplace its columns
      }
      try {
        for (int i = 0; i < cells.length; i++) {
          sums[i] += Long.parseUnsignedLong(cells[i], 16);
        }
      } catch (NumberFormatException e) {
        continue;
      }
      cpus++;
    }
    return new ConntrackStat(netns, cpus, sum(header, sums, "invalid"), sum(header, sums, "drop"), sum(header, sums, "early_drop"),
        sum(header, sums, "insert_failed"));
  }

  private static long sum(List<String> header, long[] sums, String column) {
    int i = header.indexOf(column);
    return i < 0 ? 0 : sums[i];
  }
}
