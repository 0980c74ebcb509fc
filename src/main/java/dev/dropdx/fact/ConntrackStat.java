package dev.dropdx.fact;

/**
 * The connection-tracking statistics of a namespace (/proc/net/stat/nf_conntrack, one hex row per
 * CPU), summed over the CPUs. The counters are totals since conntrack started in the namespace.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param cpus how many CPU rows were read (0: conntrack is not active in the namespace), e.g. 2
 * @param invalid packets conntrack could not classify (state "invalid"), e.g. 0
 * @param drop packets dropped because no entry could be allocated (table full), e.g. 1532
 * @param earlyDrop entries evicted early to make room (the table was full), e.g. 0
 * @param insertFailed entries that could not be inserted (a clash on confirm), e.g. 0
 */
public record ConntrackStat(String netns, int cpus, long invalid, long drop, long earlyDrop, long insertFailed)
    implements Evidence {

  /** True when conntrack was seen active here. */
  public boolean active() {
    return cpus > 0;
  }

  @Override
  public String describe() {
    return "conntrack stats" + (netns.isEmpty() ? "" : " (netns " + netns + ")") + ": "
        + (active() ? "invalid " + invalid + ", drop " + drop + ", early_drop " + earlyDrop + ", insert_failed " + insertFailed
            + " (" + cpus + " CPU rows)" : "conntrack is not active");
  }
}
