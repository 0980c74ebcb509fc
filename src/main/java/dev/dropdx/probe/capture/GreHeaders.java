package dev.dropdx.probe.capture;

import dev.dropdx.fact.GreHeader;
import dev.dropdx.probe.capture.PcapReader.IpPacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns captured IPv4 packets into {@link GreHeader} facts, one per distinct header of a flow. */
public final class GreHeaders {
  /** IP protocol number of GRE. */
  public static final int GRE = 47;

  private GreHeaders() {}

  /** The GRE headers among the packets, counted per (src, dst, first 16 bits, protocol type). */
  public static List<GreHeader> decode(String netns, String iface, List<IpPacket> packets) {
    Map<String, GreHeader> seen = new LinkedHashMap<>();
    for (IpPacket p : packets) {
      // The fixed part of every GRE header is 4 bytes; shorter payloads carry no header to judge.
      if (p.protocol() != GRE || p.payload().length < 4) {
        continue;
      }
      int word = PcapReader.u16(p.payload(), 0);
      int type = PcapReader.u16(p.payload(), 2);
      String key = p.src() + ">" + p.dst() + "/" + word + "/" + type;
      GreHeader before = seen.get(key);
      seen.put(key, new GreHeader(netns, iface, p.src(), p.dst(), word, type, before == null ? 1 : before.count() + 1));
    }
    return new ArrayList<>(seen.values());
  }
}
