package dev.dropdx.probe.xfrm;

import dev.dropdx.fact.XfrmPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns `ip xfrm policy show` into {@link XfrmPolicy} facts. Each policy starts with an unindented
 * selector line ("src A/32 dst B/32 [proto udp ...]"), followed by indented lines: "dir in action
 * block priority 0 ptype main", and for each template "tmpl src X dst Y" and "proto esp reqid 0
 * mode transport". Per-socket policies ("dir in ... socket") are not listed by iproute2.
 */
public final class XfrmPolicyParser {
  private static final Pattern SRC = Pattern.compile("\\bsrc (\\S+)");
  private static final Pattern DST = Pattern.compile("\\bdst (\\S+)");
  private static final Pattern PROTO = Pattern.compile("\\bproto (\\S+)");
  private static final Pattern DIR = Pattern.compile("\\bdir (in|out|fwd)\\b");
  private static final Pattern ACTION = Pattern.compile("\\baction (block|allow)\\b");
  private static final Pattern PRIORITY = Pattern.compile("\\bpriority (\\d+)");
  private static final Pattern MODE = Pattern.compile("\\bmode (\\S+)");

  private XfrmPolicyParser() {}

  /** Every policy of the output, in order. */
  public static List<XfrmPolicy> parse(String netns, String stdout) {
    List<XfrmPolicy> out = new ArrayList<>();
    List<String> block = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0)) && !block.isEmpty()) {
        policy(netns, block, out);
        block.clear();
      }
      block.add(line);
    }
    if (!block.isEmpty()) {
      policy(netns, block, out);
    }
    return out;
  }

  private static void policy(String netns, List<String> lines, List<XfrmPolicy> out) {
    String selector = lines.get(0);
    String src = find(SRC, selector);
    String dst = find(DST, selector);
    String dirLine = lines.stream().filter(l -> DIR.matcher(l).find()).findFirst().orElse(null);
    if (src == null || dst == null || dirLine == null) {
      return; // not a policy block (a header or an error line)
    }
    String template = null;
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.startsWith("tmpl ")) {
        String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
        template = "proto " + orElse(find(PROTO, next), "?") + " mode " + orElse(find(MODE, next), "?")
            + " src " + orElse(find(SRC, l), "any") + " dst " + orElse(find(DST, l), "any");
        break;
      }
    }
    String priority = find(PRIORITY, dirLine);
    out.add(new XfrmPolicy(netns, selector.strip(), src, dst, find(PROTO, selector), find(DIR, dirLine), orElse(find(ACTION, dirLine), "allow"),
        priority == null ? -1 : Long.parseLong(priority), template));
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
