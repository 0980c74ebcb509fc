package dev.dropdx.probe.capture;

/**
 * When a running capture has what the rules need, so tcpdump runs only as long as that takes: the
 * packets asked for, or a short grace after the first one (one packet's headers already answer
 * what the rules ask; the grace takes in what is already on its way), or the time limit when
 * nothing comes.
 *
 * @param count the most packets wanted (tcpdump's -c)
 * @param graceMillis how long to go on after the first packet
 * @param limitMillis the most the capture waits in all
 */
record CaptureStop(int count, long graceMillis, long limitMillis) {
  /** How long after the first packet the capture goes on: none, one packet's headers answer the rules. */
  static final long GRACE_MILLIS = 0;

  /**
   * Whether to stop now.
   *
   * @param records complete packets in the file so far
   * @param sinceStartMillis since tcpdump was started
   * @param sinceFirstMillis since the first packet was seen, or negative when none was
   */
  boolean done(int records, long sinceStartMillis, long sinceFirstMillis) {
    return records >= count || (records > 0 && sinceFirstMillis >= graceMillis) || sinceStartMillis >= limitMillis;
  }
}
