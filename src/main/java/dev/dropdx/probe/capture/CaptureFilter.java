package dev.dropdx.probe.capture;

import dev.dropdx.fact.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The pcap filter a capture runs: the requested one, made to follow the IP family of its packets.
 * Rules and plans write IPv4 filters ("ip proto 47 and src host X"); in pcap syntax {@code ip}
 * means IPv4 only, so for IPv6 packets such a filter matches nothing, silently. The family comes
 * from the addresses in the filter, else from the target: IPv6 turns {@code ip} into {@code ip6}
 * and {@code icmp} into {@code icmp6}; an unknown family (no address, a target in both) takes
 * both ({@code (ip proto 47 or ip6 proto 47)}). A filter that already names ip6 is left alone.
 *
 * <p>{@code ip6 proto N} compares the IPv6 header's next-header field only: a packet with extension
 * headers before protocol N is not captured. The filter says so in its notes rather than use
 * {@code protochain}, which the kernel's BPF cannot run (libpcap filters it in user space, slowly).
 *
 * @param text the filter tcpdump is given, e.g. ip6 proto 47 and src host 2001:db8::1
 * @param notes what the filter may miss, in words; empty when nothing
 */
record CaptureFilter(String text, List<String> notes) {

  CaptureFilter {
    notes = List.copyOf(notes);
  }

  /**
   * @param requested the filter the request names, e.g. ip proto 47 and src host 198.18.40.1
   * @param targetFamily the target's IP family: 4, 6, or 0 when it has none (both)
   */
  static CaptureFilter of(String requested, int targetFamily) {
    String[] words = requested.strip().split("\\s+");
    int family = familyOfAddresses(words);
    if (family == 0) {
      family = targetFamily;
    }
    boolean namesIpv6 = List.of(words).stream().anyMatch(w -> w.replaceAll("[()]", "").matches("ip6|icmp6"));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      boolean ipProto = w.equals("ip") && i + 2 < words.length && words[i + 1].equals("proto");
      if (family == 4 || namesIpv6) {
        out.add(w);
      } else if (ipProto) {
        String n = words[i + 2];
        out.add(family == 6 ? "ip6 proto " + n : "(ip proto " + n + " or ip6 proto " + n + ")");
        i += 2;
      } else if (w.equals("ip")) {
        out.add(family == 6 ? "ip6" : "(ip or ip6)");
      } else if (w.equals("icmp") && family == 6) {
        out.add("icmp6");
      } else {
        out.add(w);
      }
    }
    String text = String.join(" ", out);
    List<String> notes = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("ip6 proto (\\d+)").matcher(text);
    if (m.find()) {
      notes.add("the capture filter '" + text + "' compares the IPv6 header's next-header field only: IPv6 packets with extension "
          + "headers (hop-by-hop, routing, fragment, destination options, AH) before the protocol-" + m.group(1)
          + " header are not captured");
    }
    return new CaptureFilter(text, notes);
  }

  /** 4 or 6 when the filter names an address or prefix of that family, else 0. */
  private static int familyOfAddresses(String[] words) {
    for (String w : words) {
      int f = IpPrefix.familyOf(w.replaceAll("[()]", ""));
      if (f != 0) {
        return f;
      }
    }
    return 0;
  }
}
