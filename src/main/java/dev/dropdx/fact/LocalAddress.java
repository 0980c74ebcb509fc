package dev.dropdx.fact;

/**
 * An IPv4 address the host (namespace) owns, from `ip -o -4 addr show`.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param iface the interface the address is configured on, e.g. veth0
 * @param address the address, without prefix length, e.g. 198.18.0.1
 * @param prefixLength prefix length of the configured subnet, e.g. 24
 */
public record LocalAddress(String netns, String iface, String address, int prefixLength) implements Evidence {

  @Override
  public String describe() {
    return address + "/" + prefixLength + " is a local address of " + iface + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
