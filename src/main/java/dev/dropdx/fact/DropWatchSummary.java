package dev.dropdx.fact;

/**
 * What one drop watch saw overall: what was watched and what could not be seen.
 *
 * @param backend how drops were watched ("tracefs+bpftrace", "tracefs", "stap", "dropwatch", or "counters" when nothing could watch), e.g. tracefs+bpftrace
 * @param windowSeconds how long, e.g. 5
 * @param perPacket true when drops were matched to the target per packet
 * @param matched drops attributed to the target (or possibly, when not per packet), e.g. 12
 * @param ignored drops seen that belonged to other packets, e.g. 3
 * @param lostEvents events the trace buffer overwrote (overrun): drops we could not see, e.g. 0
 */
public record DropWatchSummary(
    String backend, int windowSeconds, boolean perPacket, long matched, long ignored, long lostEvents)
    implements Evidence {

  /** The backend name of a watch that saw no kfree_skb event: only counters could be read. */
  public static final String COUNTERS_ONLY = "counters";

  /** A drop watch where only the counters could stand in. */
  public static DropWatchSummary countersOnly() {
    return new DropWatchSummary(COUNTERS_ONLY, 0, false, 0, 0, 0);
  }

  /** False when no kfree_skb event could be watched (only counters were read). */
  public boolean watched() {
    return !backend.equals(COUNTERS_ONLY);
  }

  @Override
  public String describe() {
    return "watched kfree_skb for " + windowSeconds + " s with " + backend + ": " + matched
        + " matching drop(s), " + ignored + " other drop(s) ignored"
        + (lostEvents > 0 ? ", " + lostEvents + " event(s) LOST to trace buffer overrun" : "");
  }
}
