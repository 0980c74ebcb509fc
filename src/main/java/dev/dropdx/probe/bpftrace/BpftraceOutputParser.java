package dev.dropdx.probe.bpftrace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the map bpftrace prints at exit for {@link BpftraceDropScript}. */
public final class BpftraceOutputParser {
  private static final Pattern ENTRY = Pattern.compile("^@drops\\[(.*)\\]: (\\d+)$");
  private static final Pattern STACK = Pattern.compile("^@stacks\\[(\\S+), (\\d+)\\]:\\s*$");

  /**
   * Dropped packets with the same headers, place and reason.
   *
   * @param function dropping function
   * @param reason reason value (the kernel's enum number)
   * @param src source address
   * @param dst destination address
   * @param protocol IP protocol
   * @param iface device name, empty when the skb had none
   * @param netnsInode namespace inode of the device, 0 when unknown
   * @param dport destination port, 0 when not read
   * @param count packets
   */
  public record PacketDrop(
      String function, int reason, String src, String dst, int protocol, String iface, long netnsInode, int dport,
      long count) {}

  private BpftraceOutputParser() {}

  /**
   * The map as printed at exit: what follows the END marker, else (bpftrace killed, or output
   * recorded before the markers existed) the last complete periodic dump, else everything.
   */
  public static String finalDump(String output) {
    int end = output.lastIndexOf(BpftraceDropScript.FINAL);
    if (end >= 0) {
      return output.substring(end + BpftraceDropScript.FINAL.length()).stripLeading();
    }
    return lastTick(output).orElse(output);
  }

  /** The last complete periodic dump (between the last two tick markers), if there is one yet. */
  public static java.util.Optional<String> lastTick(String output) {
    int last = output.lastIndexOf(BpftraceDropScript.TICK);
    int before = last <= 0 ? -1 : output.lastIndexOf(BpftraceDropScript.TICK, last - 1);
    if (before < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(output.substring(before + BpftraceDropScript.TICK.length(), last));
  }

  /**
   * A sampled kernel stack (see {@link BpftraceDropScript#stackSample()}).
   *
   * @param function dropping function, e.g. ip_rcv_finish_core
   * @param reason reason value (the kernel's enum number), e.g. 14
   * @param frames innermost first, e.g. [kfree_skb_reason+1, ip_rcv_finish_core+577, ip_rcv+159]
   */
  public record SampledStack(String function, int reason, List<String> frames) {}

  /**
   * The sampled stacks of the final dump ({@code @stacks[function, reason]:} followed by one frame
   * a line, indented, up to a blank line); empty when bpftrace was stopped before printing them.
   */
  public static List<SampledStack> stacks(String output) {
    List<SampledStack> stacks = new ArrayList<>();
    SampledStack open = null;
    List<String> frames = new ArrayList<>();
    // -1: the trailing empty line that ends the last stack is kept
    for (String line : (finalDump(output) + "\n").split("\n", -1)) {
      boolean frame = open != null && !line.isBlank() && Character.isWhitespace(line.charAt(0));
      if (frame) {
        frames.add(line.strip());
        continue;
      }
      if (open != null && !frames.isEmpty()) {
        stacks.add(new SampledStack(open.function(), open.reason(), List.copyOf(frames)));
      }
      open = null;
      frames.clear();
      Matcher m = STACK.matcher(line.strip());
      if (m.matches()) {
        open = new SampledStack(m.group(1), Integer.parseInt(m.group(2)), List.of());
      }
    }
    return stacks;
  }

  /** The map entries; lines that are not entries (warnings, "Attaching...") are skipped. */
  public static List<PacketDrop> parse(String output) {
    List<PacketDrop> drops = new ArrayList<>();
    for (String line : finalDump(output).split("\n")) {
      Matcher m = ENTRY.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String[] f = m.group(1).split(", ");
      if (f.length != 8) {
        continue; // a device name with ", " in it; too odd to guess at
      }
      try {
        drops.add(new PacketDrop(f[0], Integer.parseInt(f[1]), f[2], f[3], Integer.parseInt(f[4]), f[5],
            Long.parseLong(f[6]), Integer.parseInt(f[7]), Long.parseLong(m.group(2))));
      } catch (NumberFormatException e) {
        // not one of ours
      }
    }
    return drops;
  }
}
