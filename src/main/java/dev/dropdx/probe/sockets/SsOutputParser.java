package dev.dropdx.probe.sockets;

import dev.dropdx.fact.SocketInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns `ss -H -a -n -p -m -u -t` output into {@link SocketInfo} facts: one line per socket
 * (netid state recv-q send-q local peer [users:(...)]) followed by an indented skmem line.
 */
public final class SsOutputParser {
  private static final Pattern USER = Pattern.compile("users:\\(\\(\"([^\"]*)\",pid=(\\d+)");
  private static final Pattern SKMEM = Pattern.compile("skmem:\\(([^)]*)\\)");

  private SsOutputParser() {}

  public static List<SocketInfo> parse(String netns, String output) {
    List<SocketInfo> sockets = new ArrayList<>();
    Line current = null;
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        if (current != null) {
          current.skmem(line);
        }
        continue;
      }
      if (current != null) {
        current.toFact(netns).ifPresent(sockets::add);
      }
      current = new Line(line.strip());
    }
    if (current != null) {
      current.toFact(netns).ifPresent(sockets::add);
    }
    return sockets;
  }

  /** One socket's line and, once read, its skmem numbers. */
  private static final class Line {
    private final String text;
    private long rcvbuf = -1;
    private long rmem = -1;
    private long drops = -1;

    Line(String text) {
      this.text = text;
    }

    void skmem(String line) {
      Matcher m = SKMEM.matcher(line);
      if (!m.find()) {
        return;
      }
      for (String field : m.group(1).split(",")) {
        Matcher kv = Pattern.compile("([a-z_]+)(\\d+)").matcher(field.strip());
        if (!kv.matches()) {
          continue;
        }
        long v = Long.parseLong(kv.group(2));
        switch (kv.group(1)) {
          case "r" -> rmem = v;
          case "rb" -> rcvbuf = v;
          case "d" -> drops = v;
          default -> { }
        }
      }
    }

    java.util.Optional<SocketInfo> toFact(String netns) {
      // ss's skmem can also sit at the end of the socket line itself
      skmem(text);
      String[] f = text.split("\\s+");
      if (f.length < 6 || !(f[0].equals("udp") || f[0].equals("tcp"))) {
        return java.util.Optional.empty();
      }
      String local = f[4];
      int colon = local.lastIndexOf(':');
      if (colon < 0) {
        return java.util.Optional.empty();
      }
      String addr = local.substring(0, colon);
      String portText = local.substring(colon + 1);
      if (!portText.matches("\\d+")) {
        return java.util.Optional.empty();
      }
      String device = null;
      int pct = addr.indexOf('%');
      if (pct >= 0) {
        device = addr.substring(pct + 1);
        addr = addr.substring(0, pct);
      }
      if (addr.startsWith("[") && addr.endsWith("]")) {
        addr = addr.substring(1, addr.length() - 1);
      }
      if (addr.startsWith("::ffff:") && addr.contains(".")) {
        addr = addr.substring(7); // a v4-mapped address is the IPv4 address
      }
      Matcher u = USER.matcher(text);
      boolean owned = u.find();
      return java.util.Optional.of(new SocketInfo(netns, f[0], f[1], addr, Integer.parseInt(portText), device,
          owned ? u.group(1) : null, owned ? Integer.parseInt(u.group(2)) : -1, parseLong(f[2]), rcvbuf, rmem, drops));
    }

    private static long parseLong(String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
