package dev.dropdx.fact;

/**
 * The code address a drop was seen at (kfree_skb's caller), as stap or dropwatch print it, so rules
 * can tell which module owns it.
 *
 * @param function symbol name
 * @param location symbol+offset
 * @param address the address in hex (0xffffffffc099411a)
 */
public record KernelAddress(String function, String location, String address) implements Evidence {

  /** The address as an unsigned number. */
  public long value() {
    return Long.parseUnsignedLong(address.startsWith("0x") ? address.substring(2) : address, 16);
  }

  @Override
  public String describe() {
    return "drop location " + location + " is at address " + address;
  }
}
