package dev.dropdx.lab;

/**
 * Two namespaces joined by a veth pair: the shape most scenarios start from.
 *
 * @param senderNs namespace that sends
 * @param receiverNs namespace that receives
 * @param senderIf sender's end
 * @param receiverIf receiver's end
 */
public record VethPair(String senderNs, String receiverNs, String senderIf, String receiverIf) {

  /** Creates the namespaces and the pair, addresses senderAddr/24 and receiverAddr/24, links up. */
  public static VethPair create(LabNetwork net, String prefix, String senderAddr, String receiverAddr) {
    String tx = net.namespace("dropdx-lab-" + prefix + "-tx");
    String rx = net.namespace("dropdx-lab-" + prefix + "-rx");
    return between(net, tx, rx, prefix + "-tx0", prefix + "-rx0", senderAddr, receiverAddr);
  }

  /** A pair between two namespaces that exist already (e.g. a fleet host and its neighbour), addresses /24, links up. */
  public static VethPair between(LabNetwork net, String tx, String rx, String txIf, String rxIf, String senderAddr,
      String receiverAddr) {
    net.ip("link", "add", txIf, "netns", tx, "type", "veth", "peer", "name", rxIf, "netns", rx);
    net.ip("-n", tx, "addr", "add", senderAddr + "/24", "dev", txIf);
    net.ip("-n", rx, "addr", "add", receiverAddr + "/24", "dev", rxIf);
    net.ip("-n", tx, "link", "set", txIf, "up");
    net.ip("-n", rx, "link", "set", rxIf, "up");
    return new VethPair(tx, rx, txIf, rxIf);
  }

  /** A permanent neighbour entry on the sender, for receivers that would refuse its ARP. */
  public void pinNeighbour(LabNetwork net, String receiverAddr) {
    net.ip("-n", senderNs, "neigh", "replace", receiverAddr, "lladdr", net.mac(receiverNs, receiverIf), "dev", senderIf,
        "nud", "permanent");
  }
}
