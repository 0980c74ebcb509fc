package dev.dropdx.fact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One netfilter rule (or a base chain's policy) as iptables-save -c or nft -a list ruleset shows it.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param source "iptables" (iptables-save), "iptables-legacy" (iptables-legacy-save, legacy x_tables
 *     that iptables-nft-save only warns about), "ip6tables" / "ip6tables-legacy" (the same for IPv6)
 *     or "nftables" (nft list ruleset), e.g. iptables
 * @param family ip, ip6, inet, arp, bridge, netdev ("ip" for iptables, "ip6" for ip6tables), e.g. ip
 * @param table table name (filter, nat, mangle, raw, or an nft table), e.g. filter
 * @param chain chain name, e.g. INPUT
 * @param hook netfilter hook of the chain (prerouting, input, forward, output, postrouting), null for
 *     chains only reached by jumps, e.g. input
 * @param policy true when this is the chain's policy rather than a rule
 * @param handle nft rule handle; for iptables the rule's position in its chain (1 = first), e.g. 4
 * @param text the rule as the tool prints it (iptables: the spec after "-A CHAIN"), e.g. -A INPUT -p udp --dport 5070 -j DROP
 * @param verdict DROP, REJECT, ACCEPT, JUMP, ... upper case; null when the rule has none, e.g. DROP
 * @param protocol protocol the rule matches (udp, tcp, ...), null when any, e.g. udp
 * @param dport destination port expression the rule matches (5062, 1000:2000, { 53, 5062 }), null when any, e.g. 5070
 * @param packets packet counter, -1 when the rule has no counter, e.g. 12
 * @param bytes byte counter, -1 when the rule has no counter, e.g. 672
 */
public record NetfilterRule(
    String netns, String source, String family, String table, String chain, String hook, boolean policy, int handle,
    String text, String verdict, String protocol, String dport, long packets, long bytes)
    implements Evidence {
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*[:-]\\s*(\\d+)");
  // nft "ct state invalid" / "ct state { invalid, ... }", iptables "--ctstate INVALID" / "--state INVALID"
  private static final Pattern INVALID_STATE = Pattern.compile(
      "ct state (?:\\{[^}]*\\binvalid\\b|(?:[a-z]+,)*invalid\\b)|--(?:ct)?state (?:\\S*,)?INVALID\\b");

  /** True when the verdict discards the packet. */
  public boolean drops() {
    return "DROP".equals(verdict) || "REJECT".equals(verdict);
  }

  /** True when the rule matches packets conntrack classed as invalid (and not their negation). */
  public boolean matchesInvalidState() {
    return text != null && INVALID_STATE.matcher(text).find() && !text.contains("! --ctstate") && !text.contains("! --state")
        && !text.contains("ct state != ");
  }

  /** True unless the rule names another protocol (an unknown protocol, -1, rules nothing out). */
  public boolean mayMatchProtocol(int number) {
    return number < 0 || protocol == null || protocol.equals("th") || protocol.equalsIgnoreCase(Protocols.name(number))
        || protocol.equals(Integer.toString(number))
        // ICMPv6 as ip6tables-save (ipv6-icmp) and nft (icmpv6) spell it
        || number == 58 && (protocol.equals("ipv6-icmp") || protocol.equals("icmpv6"));
  }

  /**
   * True unless the rule's table is of the other IP family than the address: ip tables see only
   * IPv4 packets, ip6 tables only IPv6 ones; inet, bridge and netdev tables (and an unknown
   * address) rule nothing out.
   */
  public boolean mayMatchFamily(String address) {
    int f = IpPrefix.familyOf(address);
    return f == 0 || !("ip".equals(family) && f == 6 || "ip6".equals(family) && f == 4);
  }

  /** True unless the rule's destination ports leave this port out (null port: nothing to compare). */
  public boolean mayMatchPort(Integer port) {
    if (dport == null || port == null) {
      return true;
    }
    if (dport.startsWith("!")) {
      return true; // negations are rare; do not rule the rule out
    }
    Matcher range = RANGE.matcher(dport);
    while (range.find()) {
      if (port >= Integer.parseInt(range.group(1)) && port <= Integer.parseInt(range.group(2))) {
        return true;
      }
    }
    String singles = RANGE.matcher(dport).replaceAll(" ");
    Matcher n = NUMBER.matcher(singles);
    while (n.find()) {
      if (Integer.parseInt(n.group()) == port) {
        return true;
      }
    }
    return false;
  }

  /** True for rules read through an iptables or ip6tables front end (nft-backed or legacy). */
  public boolean iptables() {
    return source.startsWith("iptables") || source.startsWith("ip6tables");
  }

  /** family table chain, as nft names a chain. */
  public String where() {
    return iptables() ? "table " + table + ", chain " + chain : family + " " + table + ", chain " + chain;
  }

  @Override
  public String describe() {
    String counters = packets < 0 ? "no counter" : packets + " packet(s), " + bytes + " byte(s)";
    String what = policy ? "policy " + verdict : (iptables() ? "rule " + handle + " \"" + text + "\""
        : "rule \"" + text + "\" (handle " + handle + ")");
    return source + " " + where() + ": " + what + ", " + counters + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
