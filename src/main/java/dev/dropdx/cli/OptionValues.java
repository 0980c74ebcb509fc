package dev.dropdx.cli;

import dev.dropdx.fact.IpPrefix;
import dev.dropdx.fact.Protocols;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.host.NetnsInodes;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Validates every option value the commands take (addresses, interface and namespace names, ports,
 * numbers, cause ids, paths, search text) before anything uses it; every rejection is a
 * {@link UsageException} (exit 2) that says what a valid value looks like. Values reach external
 * commands only as single arguments of an argument list, never through a shell, and none may
 * start with '-' where a command could read it as an option.
 */
public final class OptionValues {
  private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,63}");
  private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.+=@#][A-Za-z0-9_.+=@#\\-]*");
  private static final Pattern CAUSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern ID = Pattern.compile("\\d{1,18}");
  // An inventory host name or address (RFC 1123 labels, IPv4, or IPv6 hex and colons).
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:\\-]{0,252}");
  /** Longest path accepted (PATH_MAX). */
  static final int MAX_PATH = 4096;
  /** Longest search text accepted. */
  static final int MAX_TEXT = 200;

  private OptionValues() {}

  /** Builds a target from raw option values (null = not given). */
  public static Target parse(String src, String dst, String proto, String dport, String iface, String netns) {
    Integer protocol = proto == null ? null : Protocols.parse(proto).filter(p -> proto.chars().allMatch(c -> c > 32 && c < 127)).orElseThrow(() -> new UsageException(
        "--proto " + quote(proto) + " is not a protocol: use udp, tcp, icmp, icmp6, ospf, gre, vxlan or a number 0-255"));
    Integer port = dport == null ? null : number("--dport", dport, 1, 65535);
    if (port != null && protocol != null && protocol != 6 && protocol != 17) {
      throw new UsageException("--dport needs --proto udp, tcp or vxlan (ports exist only for UDP and TCP)");
    }
    String from = address("--src", src);
    String to = address("--dst", dst);
    int srcFamily = IpPrefix.familyOf(from);
    int dstFamily = IpPrefix.familyOf(to);
    if (srcFamily != 0 && dstFamily != 0 && srcFamily != dstFamily) {
      throw new UsageException("--src " + quote(from) + " and --dst " + quote(to) + " are of different IP families: give two IPv4 or two IPv6 "
          + "addresses");
    }
    int family = Math.max(srcFamily, dstFamily);
    if (protocol != null && (protocol == 1 && family == 6 || protocol == 58 && family == 4)) {
      throw new UsageException("--proto " + quote(proto) + " does not go with IPv" + family + " addresses: ICMP is icmp over IPv4, icmp6 over "
          + "IPv6");
    }
    return new Target(from, to, protocol, port, iface(iface), netns(netns));
  }

  /**
   * An IPv4 or IPv6 address, or a prefix (address/bits), in canonical text (lower-case IPv6,
   * compressed as iproute2 prints it). Parsed as text only: no name is ever looked up.
   */
  public static String address(String option, String value) {
    if (value == null) {
      return null;
    }
    return IpPrefix.parse(value).map(IpPrefix::toString).orElseThrow(() -> new UsageException(option + " " + quote(value)
        + " is not an IPv4 or IPv6 address or prefix (examples: 198.18.2.1, 198.18.2.0/24, 2001:db8::1, 2001:db8:1::/64)"));
  }

  /** An interface name as the kernel accepts it (dev_valid_name): 1-15 bytes, no '/', ':' or blanks, not . or .. */
  public static String iface(String value) {
    if (value == null) {
      return null;
    }
    // The kernel's dev_valid_name (1-15 bytes, no '/', ':' or blanks, not . or ..), narrowed to the
    // characters real names use: no shell syntax, no leading '-' (ip would read it as an option).
    boolean ok = value.length() <= 15 && !value.equals(".") && !value.equals("..") && IFACE.matcher(value).matches();
    if (!ok) {
      throw new UsageException("--iface " + quote(value) + " is not a valid interface name (1-15 of letters, digits and _ . - + = @ #, "
          + "not starting with '-')");
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

  /** Refuses a target whose namespace does not exist on this host (the name itself was checked by {@link #netns}). */
  public static void requireNamespace(Target target, NetnsInodes namespaces) {
    if (!namespaces.exists(target.netns())) {
      throw new UsageException("network namespace '" + target.netns() + "' does not exist (see ip netns list)");
    }
  }

  /** A cause id as the knowledge base names them (kebab-case, see kb list). */
  public static String causeId(String option, String value) {
    return kebab(option, value, "a cause id", "rp-filter; see kb list");
  }

  /** A lab scenario name (kebab-case, see lab list). */
  public static String scenario(String value) {
    return kebab("lab run NAME", value, "a scenario name", "rp-filter; see lab list");
  }

  private static String kebab(String option, String value, String what, String example) {
    if (value == null || !CAUSE.matcher(value).matches()) {
      throw new UsageException(option + " " + quote(String.valueOf(value)) + " is not " + what + " (lower-case words joined by '-', e.g. " + example + ")");
    }
    return value;
  }

  /** A host name as an inventory gives it (only shown in reports, never run). */
  public static String host(String option, String value) {
    if (value == null || !HOST.matcher(value).matches()) {
      throw new UsageException(option + " " + quote(String.valueOf(value)) + " is not a host name (letters, digits, '.', '-', '_', ':'; "
          + "as the inventory names the host)");
    }
    return value;
  }

  /** A history id: a whole number. */
  public static long historyId(String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new UsageException("history id " + quote(String.valueOf(value)) + " is not a number (see history)");
    }
    return Long.parseLong(value);
  }

  /** The output format of `batch`: jsonl (also spelt json, as `diagnose` takes it: one JSON line per bundle) or markdown. */
  public static String batchFormat(String value) {
    String fmt = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (fmt.equals("json")) {
      return "jsonl";
    }
    if (!fmt.equals("jsonl") && !fmt.equals("markdown")) {
      throw new UsageException("--format " + quote(value) + " is not a batch format: use json (JSON Lines), jsonl or markdown");
    }
    return fmt;
  }

  /** A history verdict filter. */
  public static String verdict(String value) {
    if (!value.matches("diagnosed|inconclusive|no-drops")) {
      throw new UsageException("--verdict " + quote(value) + ": use diagnosed, inconclusive or no-drops");
    }
    return value;
  }

  /**
   * A file or directory path. Any name the file system takes would do for Java's file API, but
   * dropdx refuses what is almost always a mistake or an attack: control characters (newlines),
   * shell syntax (';', '$', '`'), a leading '-', and more than PATH_MAX characters.
   */
  public static Path path(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new UsageException(option + " needs a file or directory path");
    }
    boolean ok = value.length() <= MAX_PATH && !value.startsWith("-")
        && value.codePoints().noneMatch(c -> c < 32 || c == 127 || c == ';' || c == '$' || c == '`');
    if (!ok) {
      throw new UsageException(option + " " + quote(value) + " is not a usable path (at most " + MAX_PATH
          + " characters; no control characters, ';', '$', '`' or leading '-': rename the file or use ./" + "NAME)");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(option + " " + quote(value) + " is not a usable path: " + e.getReason());
    }
  }

  /** Free text to search for: printable, at most {@value #MAX_TEXT} characters (used only as a query parameter). */
  public static String text(String option, String value) {
    if (value == null || value.isBlank()) {
      throw new UsageException(option + " needs a word to look for");
    }
    if (value.length() > MAX_TEXT || value.codePoints().anyMatch(c -> c < 32 || c == 127)) {
      throw new UsageException(option + " " + quote(value) + " is not search text (at most " + MAX_TEXT + " characters, no control characters)");
    }
    return value;
  }

  /** A whole number within bounds. */
  public static int number(String option, String value, int min, int max) {
    try {
      // ASCII digits only: parseInt would take other scripts' digits too.
      if (!value.strip().matches("[+]?[0-9]{1,10}")) {
        throw new NumberFormatException();
      }
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
