package dev.dropdx.fact;

/**
 * One CPU's row of /proc/net/softnet_stat: the per-CPU receive backlog (netif_rx, RPS, veth).
 *
 * @param cpu CPU number, e.g. 0
 * @param processed packets taken from the backlog and processed (cumulative), e.g. 104857
 * @param dropped packets dropped because the backlog was full (cumulative; reason CPU_BACKLOG), e.g. 12
 * @param timeSqueeze times the receive softirq ran out of budget with work left (cumulative), e.g. 3
 * @param droppedIncrease growth of {@code dropped} between two reads {@code seconds} apart, -1 when read once, e.g. 12
 * @param seconds interval between the reads, 0 when read once, e.g. 0.5
 */
public record SoftnetCpu(int cpu, long processed, long dropped, long timeSqueeze, long droppedIncrease, double seconds)
    implements Evidence {

  /** True when this CPU's backlog dropped packets while dropdx watched (or, read once, ever). */
  public boolean dropping() {
    return droppedIncrease >= 0 ? droppedIncrease > 0 : dropped > 0;
  }

  /** Drops to rank CPUs by: the growth when sampled, else the total. */
  public long recentDrops() {
    return droppedIncrease >= 0 ? droppedIncrease : dropped;
  }

  @Override
  public String describe() {
    String growth = droppedIncrease >= 0 ? " (+" + droppedIncrease + " in " + seconds + " s)" : "";
    return "CPU " + cpu + " backlog: " + dropped + " dropped" + growth + ", " + processed + " processed, "
        + timeSqueeze + " time squeezes (/proc/net/softnet_stat)";
  }
}
