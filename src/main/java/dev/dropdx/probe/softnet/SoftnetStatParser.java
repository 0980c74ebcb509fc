package dev.dropdx.probe.softnet;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses /proc/net/softnet_stat: one line per online CPU, hexadecimal columns. Column 1 is
 * processed, 2 dropped (backlog full), 3 time_squeeze; since 5.x column 13 is the CPU number
 * (older kernels print fewer columns, and then the line index stands for the CPU).
 */
public final class SoftnetStatParser {

  /**
   * One CPU's counters.
   *
   * @param cpu CPU number
   * @param processed packets processed from the backlog
   * @param dropped packets dropped because the backlog was full
   * @param timeSqueeze softirq runs that ended with work left
   */
  public record Row(int cpu, long processed, long dropped, long timeSqueeze) {}

  private SoftnetStatParser() {}

  /** The rows; malformed lines are skipped. */
  public static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 3) {
        continue;
      }
      try {
        int cpu = f.length >= 13 ? (int) Long.parseLong(f[12], 16) : index;
        rows.add(new Row(cpu, Long.parseLong(f[0], 16), Long.parseLong(f[1], 16), Long.parseLong(f[2], 16)));
        index++;
      } catch (NumberFormatException e) {
        // not a softnet_stat line
      }
    }
    return rows;
  }
}
