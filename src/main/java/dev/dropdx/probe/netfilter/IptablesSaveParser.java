package dev.dropdx.probe.netfilter;

import dev.dropdx.fact.NetfilterRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns `iptables-save -c` output into {@link NetfilterRule} facts: "*table", chain lines
 * ":CHAIN POLICY [packets:bytes]" (policies of built-in chains become facts too) and rules
 * "[packets:bytes] -A CHAIN spec". The handle is the rule's position in its chain, what
 * `iptables -D CHAIN N` takes.
 */
public final class IptablesSaveParser {
  private static final Pattern CHAIN = Pattern.compile("^:(\\S+) (\\S+) \\[(\\d+):(\\d+)\\]");
  private static final Pattern RULE = Pattern.compile("^(?:\\[(\\d+):(\\d+)\\] )?-A (\\S+) ?(.*)$");
  private static final Pattern TARGET = Pattern.compile("(?:^| )-([jg]) (\\S+)");
  private static final Pattern PROTO = Pattern.compile("(?:^| )-p (\\S+)");
  private static final Pattern DPORT = Pattern.compile("(?:^| )--dports? (\\S+)");

  private IptablesSaveParser() {}

  public static List<NetfilterRule> parse(String netns, String family, String output) {
    return parse(netns, family, output, "iptables");
  }

  /**
   * Parses with the given {@code source}: "iptables" for iptables-save, "iptables-legacy" for
   * iptables-legacy-save (the legacy tables iptables-nft-save only warns about).
   */
  public static List<NetfilterRule> parse(String netns, String family, String output, String source) {
    List<NetfilterRule> rules = new ArrayList<>();
    String table = null;
    Map<String, Integer> positions = new HashMap<>();
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.equals("COMMIT")) {
        continue;
      }
      if (line.startsWith("*")) {
        table = line.substring(1);
        positions.clear();
        continue;
      }
      if (table == null) {
        continue;
      }
      Matcher c = CHAIN.matcher(line);
      if (c.find()) {
        if (!c.group(2).equals("-")) { // "-": a user chain, it has no policy
          rules.add(new NetfilterRule(netns, source, family, table, c.group(1), hook(c.group(1)), true, 0,
              "policy " + c.group(2), c.group(2).toUpperCase(Locale.ROOT), null, null, Long.parseLong(c.group(3)),
              Long.parseLong(c.group(4))));
        }
        continue;
      }
      Matcher r = RULE.matcher(line);
      if (!r.matches()) {
        continue;
      }
      String chain = r.group(3);
      String spec = r.group(4).strip();
      int position = positions.merge(chain, 1, Integer::sum);
      Matcher t = TARGET.matcher(spec);
      String verdict = null;
      if (t.find()) {
        verdict = t.group(1).equals("g") ? "GOTO" : t.group(2).toUpperCase(Locale.ROOT);
      }
      Matcher p = PROTO.matcher(spec);
      Matcher d = DPORT.matcher(spec);
      long packets = r.group(1) == null ? -1 : Long.parseLong(r.group(1));
      long bytes = r.group(2) == null ? -1 : Long.parseLong(r.group(2));
      rules.add(new NetfilterRule(netns, source, family, table, chain, hook(chain), false, position, spec, verdict,
          p.find() ? p.group(1) : null, d.find() ? d.group(1).replace(',', ' ') : null, packets, bytes));
    }
    return rules;
  }

  private static String hook(String chain) {
    return switch (chain) {
      case "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" -> chain.toLowerCase(Locale.ROOT);
      default -> null;
    };
  }
}
