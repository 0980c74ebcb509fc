package dev.dropdx.fact;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address, or a prefix of one (address/bits), parsed from text without any name
 * lookup. Its text form is canonical: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, the
 * longest run of zero groups as "::"), which is also how bpftrace's ntop and iproute2 print
 * addresses; a prefix keeps "/bits" unless it is a whole address.
 *
 * @param family 4 or 6
 * @param bytes the address, 4 or 16 bytes (host bits below the prefix are kept as given)
 * @param bits prefix length: 32 or 128 for a single address
 */
public record IpPrefix(int family, byte[] bytes, int bits) {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final Pattern BITS = Pattern.compile("0|[1-9]\\d{0,2}");

  public IpPrefix {
    bytes = bytes.clone();
  }

  /** The address or prefix in the text, if it is one (IPv4 dotted quad, IPv6 hex groups, optional /bits). */
  public static Optional<IpPrefix> parse(String text) {
    if (text == null || text.length() > 49) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = IPV4.matcher(addr).matches() ? v4(addr) : v6(addr);
    if (bytes == null) {
      return Optional.empty();
    }
    int max = bytes.length * 8;
    int bits = max;
    if (slash >= 0) {
      String b = text.substring(slash + 1);
      if (!BITS.matcher(b).matches() || Integer.parseInt(b) > max) {
        return Optional.empty();
      }
      bits = Integer.parseInt(b);
    }
    return Optional.of(new IpPrefix(bytes.length == 4 ? 4 : 6, bytes, bits));
  }

  /** The family (4 or 6) of an address or prefix in text, 0 when it is neither. */
  public static int familyOf(String text) {
    return parse(text).map(IpPrefix::family).orElse(0);
  }

  /** True when this prefix holds the address (same family, same leading bits); false for text that is no address. */
  public boolean contains(String address) {
    return parse(address).filter(a -> a.family == family && a.bits == a.bytes.length * 8).map(a -> covers(a.bytes)).orElse(false);
  }

  /** True when this is one address, not a shorter prefix. */
  public boolean single() {
    return bits == bytes.length * 8;
  }

  /** The address part alone, canonical, without /bits. */
  public String address() {
    return family == 4 ? formatV4(bytes) : formatV6(bytes);
  }

  private boolean covers(byte[] other) {
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((bytes[i / 8] & mask) != (other[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return single() ? address() : address() + "/" + bits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p && p.family == family && p.bits == bits && Arrays.equals(p.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + bits;
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  private static byte[] v4(String text) {
    String[] parts = text.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    return b;
  }

  /** IPv6 groups, at most one "::"; a trailing dotted quad (::ffff:198.18.0.1) counts as two groups. */
  private static byte[] v6(String text) {
    if (!text.contains(":") || text.contains(":::")) {
      return null;
    }
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap < 0 ? text : text.substring(0, gap);
    String tail = gap < 0 ? "" : text.substring(gap + 2);
    int[] h = groups(head, gap < 0);
    int[] t = groups(tail, true);
    if (h == null || t == null) {
      return null;
    }
    int given = h.length + t.length;
    if (gap < 0 ? given != 8 : given > 7) {
      return null;
    }
    byte[] b = new byte[16];
    for (int i = 0; i < h.length; i++) {
      b[2 * i] = (byte) (h[i] >> 8);
      b[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int at = 8 - t.length + i;
      b[2 * at] = (byte) (t[i] >> 8);
      b[2 * at + 1] = (byte) t[i];
    }
    return b;
  }

  /** The 16-bit groups of one side of "::"; a dotted quad is allowed last when {@code last} is true. */
  private static int[] groups(String part, boolean last) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] words = part.split(":", -1);
    boolean quad = last && IPV4.matcher(words[words.length - 1]).matches();
    int[] g = new int[words.length + (quad ? 1 : 0)];
    for (int i = 0; i < words.length; i++) {
      if (quad && i == words.length - 1) {
        byte[] q = v4(words[i]);
        g[i] = (q[0] & 0xff) << 8 | (q[1] & 0xff);
        g[i + 1] = (q[2] & 0xff) << 8 | (q[3] & 0xff);
      } else if (HEX_GROUP.matcher(words[i]).matches()) {
        g[i] = Integer.parseInt(words[i], 16);
      } else {
        return null;
      }
    }
    return g;
  }

  private static String formatV4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  /** RFC 5952: lower-case hex, no leading zeros, the first longest run of two or more zero groups as "::". */
  private static String formatV6(byte[] b) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
