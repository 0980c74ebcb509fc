package dev.dropdx.fact;

/**
 * A structure field read (through @cast) when a function handled the target's packet.
 *
 * @param function the function whose entry was probed, e.g. gre_rcv
 * @param module "kernel" or the module name, e.g. kernel
 * @param struct the structure type, e.g. sk_buff
 * @param field the field path as the rule named it, e.g. data[1]
 * @param value the value as printed (0x.. hex, decimal or a dotted quad), e.g. 0x2000
 * @param count how many calls saw this value, e.g. 4
 */
public record FieldValue(String function, String module, String struct, String field, String value, long count) implements Evidence {

  /** The value as a number (hex or decimal), or -1 when it is not one (e.g. an address). */
  public long number() {
    try {
      return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String describe() {
    return "in " + function + "(): " + struct + "." + field + " = " + value + " (" + count + " call(s))";
  }
}
