package dev.dropdx.probe.netfilter;

import dev.dropdx.fact.NetfilterRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns `nft -a list ruleset` output into {@link NetfilterRule} facts: tables, base chains (their
 * hook and policy; a policy has no counter in nftables), and each rule with its handle, counter,
 * verdict, protocol and destination ports. Sets, maps and other blocks are skipped.
 */
public final class NftRulesetParser {
  private static final Pattern TABLE = Pattern.compile("^table (\\S+) (\\S+) \\{");
  private static final Pattern CHAIN = Pattern.compile("^chain (\\S+) \\{");
  private static final Pattern TYPE = Pattern.compile("^type \\S+ hook (\\S+)(?: device \\S+)? priority [^;]+;(?:\\s*policy (\\S+);)?");
  private static final Pattern HANDLE = Pattern.compile("\\s*# handle (\\d+)\\s*$");
  private static final Pattern COUNTER = Pattern.compile("\\bcounter packets (\\d+) bytes (\\d+)");
  private static final Pattern VERDICT = Pattern.compile("\\b(accept|drop|reject|queue|jump|goto|return)\\b");
  private static final Pattern DPORT = Pattern.compile("\\b(udp|tcp|sctp|dccp|th) dport (?:!= )?(\\{[^}]*\\}|\\S+)");
  private static final Pattern L4PROTO = Pattern.compile("\\b(?:meta l4proto|ip protocol|ip6 nexthdr) (\\w+)");

  private NftRulesetParser() {}

  public static List<NetfilterRule> parse(String netns, String output) {
    List<NetfilterRule> rules = new ArrayList<>();
    String family = null;
    String table = null;
    String chain = null;
    String hook = null;
    int depth = 0;
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int opens = count(line, '{');
      int closes = count(line, '}');
      Matcher t = TABLE.matcher(line);
      Matcher c = CHAIN.matcher(line);
      if (depth == 0 && t.find()) {
        family = t.group(1);
        table = t.group(2);
      } else if (depth == 1 && table != null && c.find()) {
        chain = c.group(1);
        hook = null;
      } else if (depth == 2 && chain != null && opens == closes) {
        Matcher type = TYPE.matcher(line);
        if (type.find()) {
          hook = type.group(1);
          if (type.group(2) != null) {
            rules.add(new NetfilterRule(netns, "nftables", family, table, chain, hook, true, 0, "policy " + type.group(2),
                type.group(2).toUpperCase(Locale.ROOT), null, null, -1, -1));
          }
        } else {
          rule(netns, family, table, chain, hook, line).ifPresent(rules::add);
        }
      }
      depth += opens - closes;
      if (depth <= 1) {
        chain = null;
      }
      if (depth <= 0) {
        depth = 0;
        table = null;
      }
    }
    return rules;
  }

  private static java.util.Optional<NetfilterRule> rule(String netns, String family, String table, String chain, String hook,
      String line) {
    Matcher h = HANDLE.matcher(line);
    if (!h.find()) {
      return java.util.Optional.empty();
    }
    String text = line.substring(0, h.start()).strip();
    Matcher counter = COUNTER.matcher(text);
    long packets = -1;
    long bytes = -1;
    if (counter.find()) {
      packets = Long.parseLong(counter.group(1));
      bytes = Long.parseLong(counter.group(2));
    }
    String verdict = null;
    Matcher v = VERDICT.matcher(text);
    while (v.find()) {
      verdict = v.group(1).toUpperCase(Locale.ROOT);
    }
    String protocol = null;
    String dport = null;
    Matcher d = DPORT.matcher(text);
    if (d.find()) {
      protocol = d.group(1);
      dport = d.group(2);
    }
    Matcher l4 = L4PROTO.matcher(text);
    if (protocol == null || protocol.equals("th")) {
      if (l4.find()) {
        protocol = l4.group(1);
      }
    }
    return java.util.Optional.of(new NetfilterRule(netns, "nftables", family, table, chain, hook, false,
        Integer.parseInt(h.group(1)), text, verdict, protocol, dport, packets, bytes));
  }

  private static int count(String s, char ch) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ch) {
        n++;
      }
    }
    return n;
  }
}
