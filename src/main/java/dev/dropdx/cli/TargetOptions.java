package dev.dropdx.cli;

import dev.dropdx.fact.Protocols;
import dev.dropdx.fact.Target;
import java.util.regex.Pattern;

/** Validates the target options of `diagnose`; every rejection says what a valid value looks like. */
public final class TargetOptions {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}");

  private TargetOptions() {}

  /** Builds a target from raw option values (null = not given). */
  public static Target parse(String src, String dst, String proto, String dport, String iface, String netns) {
    Integer protocol = proto == null ? null : Protocols.parse(proto).orElseThrow(() -> new UsageException(
        "--proto " + quote(proto) + " is not a protocol: use udp, tcp, icmp, ospf, gre, vxlan or a number 0-255"));
    Integer port = dport == null ? null : number("--dport", dport, 1, 65535);
    if (port != null && protocol != null && protocol != 6 && protocol != 17) {
      throw new UsageException("--dport needs --proto udp, tcp or vxlan (ports exist only for UDP and TCP)");
    }
    return new Target(address("--src", src), address("--dst", dst), protocol, port, iface(iface), netns(netns));
  }

  /** An IPv4 address in dotted-quad form. */
  public static String address(String option, String value) {
    if (value == null) {
      return null;
    }
    if (!IPV4.matcher(value).matches()) {
      throw new UsageException(option + " " + quote(value) + " is not an IPv4 address (example: 198.18.2.1)");
    }
    return value;
  }

  /** An interface name as the kernel accepts it (dev_valid_name): 1-15 bytes, no '/', ':' or blanks, not . or .. */
  public static String iface(String value) {
    if (value == null) {
      return null;
    }
    boolean ok = !value.isEmpty() && value.length() <= 15 && !value.equals(".") && !value.equals("..")
        && value.chars().allMatch(c -> c > 32 && c < 127 && c != '/' && c != ':');
    if (!ok) {
      throw new UsageException("--iface " + quote(value) + " is not a valid interface name (1-15 characters, no '/', ':' or spaces)");
    }
    return value;
  }

  /** A network namespace name as `ip netns` creates them. */
  public static String netns(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    if (!NETNS.matcher(value).matches()) {
      throw new UsageException("--netns " + quote(value) + " is not a namespace name (letters, digits, '_', '.', '-'; see ip netns list)");
    }
    return value;
  }

  /** A whole number within bounds. */
  public static int number(String option, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new UsageException(option + " " + quote(value) + " must be a whole number from " + min + " to " + max);
  }

  /** Quotes a user value for a message, cut short and with control characters shown, never executed. */
  static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    StringBuilder sb = new StringBuilder("'");
    shown.codePoints().forEach(c -> sb.append(c < 32 || c == 127 ? "\\x" + String.format("%02x", c) : new String(Character.toChars(c))));
    return sb.append('\'').toString();
  }
}
