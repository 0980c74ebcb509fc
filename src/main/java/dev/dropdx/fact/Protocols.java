package dev.dropdx.fact;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** IP protocol names the command line accepts, and their numbers (the same over IPv4 and IPv6: OSPFv3 is 89 too). */
public final class Protocols {
  private static final Map<String, Integer> NUMBERS =
      Map.of("icmp", 1, "igmp", 2, "tcp", 6, "udp", 17, "gre", 47, "icmp6", 58, "ospf", 89);

  private Protocols() {}

  /** The protocol number for a name or a decimal number (0-255), if valid. */
  public static Optional<Integer> parse(String text) {
    String key = text.trim().toLowerCase(Locale.ROOT);
    if (key.equals("icmpv6") || key.equals("ipv6-icmp")) {
      return Optional.of(58); // the spellings ip6tables and /etc/protocols use
    }
    if (key.equals("vxlan")) {
      return Optional.of(17); // VXLAN rides on UDP
    }
    if (NUMBERS.containsKey(key)) {
      return Optional.of(NUMBERS.get(key));
    }
    if (key.matches("[0-9]{1,3}") && Integer.parseInt(key) <= 255) {
      return Optional.of(Integer.parseInt(key));
    }
    return Optional.empty();
  }

  /** A readable name for a protocol number. */
  public static String name(int number) {
    return NUMBERS.entrySet().stream()
        .filter(e -> e.getValue() == number)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(Integer.toString(number));
  }
}
