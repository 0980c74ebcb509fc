package dev.dropdx.diagnosis;

import java.util.List;

/**
 * The target's drops at one location for one reason that no rule explained: the reason's page
 * filled in with what was seen. Shown only when the verdict is inconclusive; it claims no cause.
 *
 * @param reason the kernel's drop reason, e.g. {@code TC_INGRESS}
 * @param location where the kernel dropped them (function+offset when known)
 * @param count how many packets, over every drop of the group
 * @param family the reason's family id ({@code unknown} when the catalog has no page for it)
 * @param title the page's one line
 * @param meaning what the kernel means by the reason, in plain words
 * @param netns the namespace the drops were attributed to ("" for the one dropdx runs in)
 * @param iface the devices seen, comma-separated, null when unknown
 * @param src the source addresses seen, comma-separated, null when unknown
 * @param dst the destination addresses seen, comma-separated, null when unknown
 * @param checks the page's next checks with the interface, addresses, count and namespace filled in
 * @param counters the counters of the page that the rules read, with their values and increase
 * @param countersNotRead the page's counters nobody read here (the checks say how to read them)
 * @param causes the causes dropdx can prove behind this reason, planned ones left out (none of them was proven here)
 */
public record UnexplainedDrop(
    String reason, String location, long count, String family, String title, String meaning, String netns, String iface,
    String src, String dst, List<String> checks, List<String> counters, List<String> countersNotRead, List<String> causes) {

  public UnexplainedDrop {
    checks = List.copyOf(checks);
    counters = List.copyOf(counters);
    countersNotRead = List.copyOf(countersNotRead);
    causes = List.copyOf(causes);
  }

  /** The drops in one line, as the report's heading for the group. */
  public String describe() {
    String who = src == null && dst == null ? "" : " (" + (src == null ? "?" : src) + " -> " + (dst == null ? "?" : dst) + ")";
    String where = (iface == null ? "" : " on " + iface) + (netns.isEmpty() ? "" : " in netns " + netns);
    return count + " packet(s) dropped at " + location + " with reason " + reason + who + where;
  }
}
