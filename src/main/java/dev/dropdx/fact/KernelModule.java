package dev.dropdx.fact;

/**
 * A loaded kernel module and where its code lies (a /proc/modules line: name, size, load address).
 *
 * @param name module name, e.g. ip_gre
 * @param size size in bytes, e.g. 32768
 * @param base load address in hex, e.g. 0xffffffffc0a00000
 */
public record KernelModule(String name, long size, String base) implements Evidence {

  /** True when the address lies in this module's [base, base + size). */
  public boolean contains(KernelAddress address) {
    long start = Long.parseUnsignedLong(base.startsWith("0x") ? base.substring(2) : base, 16);
    long a = address.value();
    return Long.compareUnsigned(a, start) >= 0 && Long.compareUnsigned(a, start + size) < 0;
  }

  @Override
  public String describe() {
    return "module " + name + " is loaded at " + base + " (" + size + " bytes)";
  }
}
