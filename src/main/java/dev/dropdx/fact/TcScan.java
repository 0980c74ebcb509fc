package dev.dropdx.fact;

/**
 * The tc probe read a device's qdiscs and filters (also when it found none), so rules can tell "not
 * looked yet" from "looked, nothing there".
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param iface the device, e.g. veth0
 * @param qdiscs how many qdiscs it has, e.g. 2
 * @param filters how many filters, both directions, e.g. 1
 * @param error why reading failed ("" when it did not), e.g. the device does not exist
 */
public record TcScan(String netns, String iface, int qdiscs, int filters, String error) implements Evidence {

  @Override
  public String describe() {
    return error.isEmpty() ? "tc on " + iface + ": " + qdiscs + " qdisc(s), " + filters + " filter(s)"
        : "tc on " + iface + " could not be read: " + error;
  }
}
