package dev.dropdx.fact;

/**
 * The code address a drop was seen at (kfree_skb's caller), as stap or dropwatch print it, so rules
 * can tell which module owns it.
 *
 * @param function symbol name, e.g. gre_rcv
 * @param location symbol+offset, e.g. gre_rcv+0x1a
 * @param address the address in hex (0xffffffffc099411a), e.g. ffffffffc0a01234
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
