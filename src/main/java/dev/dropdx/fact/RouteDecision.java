package dev.dropdx.fact;

/**
 * Which routing rule and route entry decide a packet's fate, read from `ip rule show` and
 * `ip route show table all` and walked the way the kernel's policy routing does: the route type
 * (blackhole, unreachable, prohibit, throw, ...) that `ip route get` cannot show when it fails.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param source packet source (null for a locally sent packet whose source is not fixed), e.g. 198.18.0.1
 * @param destination packet destination, e.g. 198.18.1.2
 * @param iif arrival interface, null for locally sent packets, e.g. veth0
 * @param type unicast, local, broadcast, multicast, blackhole, unreachable, prohibit, throw
 *     (every table the rules chose threw), missing (no rule's table holds a route), or unknown
 *     (a rule with a selector or action this reading cannot evaluate: fwmark, goto, ...), e.g. blackhole
 * @param via "route" (a route entry decided), "rule" (a rule's own action decided) or "none", e.g. 198.18.1.1
 * @param table the table of the deciding route entry (main, local, 100, ...), null when none, e.g. main
 * @param rulePref preference of the deciding rule, null when none, e.g. 32766
 * @param entry the deciding route or rule line as iproute2 printed it, null when none, e.g. blackhole 198.18.1.0/24
 */
public record RouteDecision(
    String netns, String source, String destination, String iif, String type, String via, String table, String rulePref,
    String entry)
    implements Evidence {

  @Override
  public String describe() {
    String packet = (source == null ? "" : source + " -> ") + destination + (iif == null ? "" : " arriving on " + iif);
    return switch (via) {
      case "rule" -> "routing rule " + rulePref + " (" + entry + ") decides " + packet + ": " + type;
      case "route" -> "route entry '" + entry + "' in table " + table + " (rule " + rulePref + ") decides " + packet + ": " + type;
      default -> "no rule's table has a route for " + packet + ": " + type + (entry == null ? "" : " (" + entry + ")");
    };
  }
}
