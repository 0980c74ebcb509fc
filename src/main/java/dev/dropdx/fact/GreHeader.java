package dev.dropdx.fact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first four bytes of GRE packets seen on the wire (RFC 2784/2890, PPTP's RFC 2637), as a
 * capture decoded them: flag bits, version and protocol type. Equal headers of one flow are counted
 * together.
 *
 * @param netns namespace the capture ran in, e.g. dropdx-lab-r
 * @param iface interface captured on ("any" when all), e.g. veth0
 * @param src outer IPv4 source, e.g. 198.18.40.1
 * @param dst outer IPv4 destination, e.g. 198.18.40.2
 * @param headerWord the first 16 bits: C R K S flags, reserved bits and, in the low 3 bits, the version, e.g. 0
 * @param protocolType the protocol type field (the inner protocol's ethertype, 0x880B for PPTP's PPP), e.g. 2048
 * @param count how many packets carried this header, e.g. 5
 */
public record GreHeader(String netns, String iface, String src, String dst, int headerWord, int protocolType, long count)
    implements Evidence {

  /** C bit: a checksum field follows. */
  public boolean checksumBit() {
    return (headerWord & 0x8000) != 0;
  }

  /** R bit (routing present, RFC 1701); RFC 2784 requires 0. */
  public boolean routingBit() {
    return (headerWord & 0x4000) != 0;
  }

  /** K bit: a key field follows (PPTP's payload length and call id). */
  public boolean keyBit() {
    return (headerWord & 0x2000) != 0;
  }

  /** S bit: a sequence number follows. */
  public boolean sequenceBit() {
    return (headerWord & 0x1000) != 0;
  }

  /** The version bits (low 3 bits of the first 16): 0 for GRE, 1 for PPTP's enhanced GRE. */
  public int version() {
    return headerWord & 0x7;
  }

  /** The set flag bits as letters, e.g. "K S", or "none". */
  public String flagLetters() {
    List<String> f = new ArrayList<>();
    if (checksumBit()) {
      f.add("C");
    }
    if (routingBit()) {
      f.add("R");
    }
    if (keyBit()) {
      f.add("K");
    }
    if (sequenceBit()) {
      f.add("S");
    }
    return f.isEmpty() ? "none" : String.join(" ", f);
  }

  /** The first 16 bits as 0xNNNN. */
  public String headerWordHex() {
    return String.format(Locale.ROOT, "0x%04x", headerWord);
  }

  /** The protocol type as 0xNNNN. */
  public String protocolTypeHex() {
    return String.format(Locale.ROOT, "0x%04x", protocolType);
  }

  @Override
  public String describe() {
    return "captured " + count + " GRE packet(s) " + src + " -> " + dst + " on " + iface
        + (netns.isEmpty() ? "" : " (netns " + netns + ")") + ": version " + version() + ", flags " + flagLetters()
        + ", protocol type " + protocolTypeHex() + " (first 16 bits " + headerWordHex() + ")";
  }
}
