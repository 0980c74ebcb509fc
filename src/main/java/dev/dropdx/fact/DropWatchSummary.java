package dev.dropdx.fact;

import java.util.Locale;

/**
 * What one drop watch saw overall: what was watched and what could not be seen.
 *
 * @param backend how drops were watched ("tracefs+bpftrace", "tracefs", "stap", "dropwatch", or "counters" when nothing could watch), e.g. tracefs+bpftrace
 * @param windowSeconds the most the watch could last (--window), e.g. 5
 * @param perPacket true when drops were matched to the target per packet
 * @param matched drops attributed to the target (or possibly, when not per packet), e.g. 12
 * @param ignored drops seen that belonged to other packets, e.g. 3
 * @param lostEvents events the trace buffer overwrote (overrun): drops we could not see, e.g. 0
 * @param watchedMillis how long kfree_skb was actually watched: the span the counts cover (a watch
 *     ends early once the target's drops are seen, so it can be shorter than the window), e.g. 2500
 */
public record DropWatchSummary(
    String backend, int windowSeconds, boolean perPacket, long matched, long ignored, long lostEvents, long watchedMillis)
    implements Evidence {

  /** A watch that ran its whole window. */
  public DropWatchSummary(String backend, int windowSeconds, boolean perPacket, long matched, long ignored, long lostEvents) {
    this(backend, windowSeconds, perPacket, matched, ignored, lostEvents, windowSeconds * 1000L);
  }

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
    // Within a tick of the window is the whole window; otherwise the span actually watched, which
    // is what the counts cover (not the window asked for).
    boolean whole = Math.abs(watchedMillis - windowSeconds * 1000L) < 50;
    String span = whole ? windowSeconds + " s" : String.format(Locale.ROOT, "%.1f s", watchedMillis / 1000.0);
    String watched = whole || watchedMillis > windowSeconds * 1000L ? span : span + " of the " + windowSeconds + " s window";
    return "watched kfree_skb for " + watched + " with " + backend + ": " + matched
        + " matching drop(s), " + ignored + " other drop(s) ignored in those " + span
        + (lostEvents > 0 ? ", " + lostEvents + " event(s) LOST to trace buffer overrun" : "");
  }
}
