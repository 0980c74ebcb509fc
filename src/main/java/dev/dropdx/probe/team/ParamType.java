package dev.dropdx.probe.team;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of value a team probe's parameter may take, each a strict pattern. None can start with
 * "-" (no value can become an option) or hold a blank, a path separator or a shell character.
 */
public enum ParamType {
  /** A network device name (at most 15 characters, as the kernel allows). */
  IFACE("iface", "[A-Za-z0-9_][A-Za-z0-9_.@-]{0,14}", "veth0", "a device name"),
  /** An IPv4 or IPv6 address, optionally with a prefix length. */
  ADDRESS("address", "(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?:/\\d{1,3})?", "198.18.0.1",
      "an IPv4 or IPv6 address (or prefix)"),
  /** A port number, 1 to 65535. */
  PORT("port", "[1-9]\\d{0,4}", "5070", "a port number"),
  /** A protocol name or number, e.g. udp. */
  PROTO("proto", "[a-z][a-z0-9]{0,9}|\\d{1,3}", "udp", "a protocol name or number"),
  /** A decimal number. */
  NUMBER("number", "\\d{1,10}", "1", "a decimal number");

  private final String id;
  private final Pattern pattern;
  private final String example;
  private final String meaning;

  ParamType(String id, String pattern, String example, String meaning) {
    this.id = id;
    this.pattern = Pattern.compile(pattern);
    this.example = example;
    this.meaning = meaning;
  }

  /** The name a probe file uses for this type, e.g. "iface". */
  public String id() {
    return id;
  }

  /** A harmless value of this type: templates are checked against the allow-list with it. */
  public String example() {
    return example;
  }

  /** In words, for `rules probes`. */
  public String meaning() {
    return meaning;
  }

  /** Whether a value is of this type; a port must also be at most 65535. */
  public boolean accepts(String value) {
    if (value == null || !pattern.matcher(value).matches()) {
      return false;
    }
    return this != PORT || Integer.parseInt(value) <= 65535;
  }

  /** The type a probe file names, if any. */
  public static Optional<ParamType> named(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  /** Every type's name, for error messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(ParamType::id).toList());
  }
}
