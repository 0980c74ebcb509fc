package dev.dropdx.knowledge;

/**
 * A place where the kernel frees packets with a drop reason although nothing was lost: a reason
 * page lists them so that neither the rules nor the namespace table take these frees for drops.
 *
 * @param function the freeing function as the tracepoint names it, without compiler suffix, e.g. ping_rcv
 * @param why what the free is, in plain words, e.g. an ICMP echo reply freed after ping's raw socket took its copy
 */
public record NormalFree(String function, String why) {

  /** True when the drop's function is this one, with or without a compiler suffix (ping_rcv.cold). */
  public boolean at(String dropFunction) {
    return dropFunction != null && (dropFunction.equals(function) || dropFunction.startsWith(function + "."));
  }
}
