package dev.dropdx.probe.capture;

import dev.dropdx.fact.IpPrefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the classic pcap file format (what {@code tcpdump -w} writes) and yields the IPv4 and IPv6
 * packets in it (IPv6 extension headers skipped to the transport header, as the drop watch does). No library: the format is a 24-byte file header and a 16-byte header per record, in the
 * writer's byte order (told by the magic number), with microsecond or nanosecond timestamps.
 * Link types: Ethernet (with 802.1Q/802.1ad tags), Linux cooked v1 and v2 (what {@code -i any}
 * gives), raw IP, raw IPv4 and raw IPv6. Records of other link types or other protocols are skipped.
 */
public final class PcapReader {
  /** LINKTYPE_ETHERNET. */
  public static final int ETHERNET = 1;
  /** LINKTYPE_RAW (raw IP, version read from the packet). */
  public static final int RAW = 101;
  /** LINKTYPE_LINUX_SLL (Linux cooked capture v1). */
  public static final int LINUX_SLL = 113;
  /** LINKTYPE_IPV4. */
  public static final int IPV4 = 228;
  /** LINKTYPE_IPV6. */
  public static final int IPV6 = 229;
  /** LINKTYPE_LINUX_SLL2 (Linux cooked capture v2, tcpdump's default for -i any since 4.99). */
  public static final int LINUX_SLL2 = 276;

  private static final int MAGIC_MICROS = 0xa1b2c3d4;
  private static final int MAGIC_NANOS = 0xa1b23c4d;
  private static final int PCAPNG = 0x0a0d0d0a;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  /** Extension headers walked at most, as the drop watch's IPv6 program does. */
  private static final int MAX_EXTENSION_HEADERS = 6;

  private PcapReader() {}

  /**
   * One IP packet from the file.
   *
   * @param linkType the file's link type
   * @param src source address (IPv6 in canonical text), e.g. 198.18.40.1 or 2001:db8::1
   * @param dst destination address
   * @param protocol IP protocol number (for IPv6 the transport header's, after the extension headers)
   * @param payload the bytes after the IP header (and IPv6 extension headers) that were captured (may be cut by the snap length)
   */
  public record IpPacket(int linkType, String src, String dst, int protocol, byte[] payload) {}

  /**
   * What the file held.
   *
   * @param linkType the file's link type
   * @param records how many records the file had
   * @param packets the IPv4 and IPv6 packets among them
   * @param truncated true when the file ended inside a record (a capture cut short)
   */
  public record Capture(int linkType, int records, List<IpPacket> packets, boolean truncated) {}

  /** Parses a whole pcap file. */
  public static Capture read(byte[] file) {
    if (file.length < 24) {
      throw new PcapFormatException(file.length == 0 ? "the capture file is empty (no packet was written)"
          : "too short for a pcap file header: " + file.length + " bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
    int magic = buf.getInt(0);
    if (magic == PCAPNG) {
      throw new PcapFormatException("this is a pcapng file; only classic pcap is read (tcpdump -w writes pcap)");
    }
    if (magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS)) {
      buf.order(ByteOrder.LITTLE_ENDIAN);
    } else if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      throw new PcapFormatException(String.format("not a pcap file (magic 0x%08x)", magic));
    }
    // The link type is the low 16 bits; newer writers keep FCS information in the high bits.
    int linkType = buf.getInt(20) & 0xFFFF;
    List<IpPacket> packets = new ArrayList<>();
    int records = 0;
    int at = 24;
    boolean truncated = false;
    while (at < file.length) {
      if (at + 16 > file.length) {
        truncated = true;
        break;
      }
      long included = Integer.toUnsignedLong(buf.getInt(at + 8));
      if (included > file.length - at - 16L) {
        truncated = true;
        break;
      }
      byte[] frame = Arrays.copyOfRange(file, at + 16, at + 16 + (int) included);
      records++;
      at += 16 + (int) included;
      int ip = ipOffset(linkType, frame);
      if (ip >= 0) {
        IpPacket p = ip < frame.length && (frame[ip] & 0xF0) == 0x60 ? ipv6(linkType, frame, ip) : ipv4(linkType, frame, ip);
        if (p != null) {
          packets.add(p);
        }
      }
    }
    return new Capture(linkType, records, List.copyOf(packets), truncated);
  }

  /** Where the IP header starts in a frame of this link type, or -1 when the frame is not IPv4 or IPv6. */
  static int ipOffset(int linkType, byte[] f) {
    switch (linkType) {
      case ETHERNET: {
        int at = 12;
        // Skip 802.1Q and 802.1ad tags.
        while (at + 2 <= f.length && (u16(f, at) == 0x8100 || u16(f, at) == 0x88a8)) {
          at += 4;
        }
        return at + 2 <= f.length && ip(u16(f, at)) ? at + 2 : -1;
      }
      case LINUX_SLL:
        // packet type, ARPHRD type, address length, 8 address bytes, protocol: 16 bytes.
        return f.length >= 16 && ip(u16(f, 14)) ? 16 : -1;
      case LINUX_SLL2:
        // protocol, reserved, ifindex, ARPHRD type, packet type, address length, 8 address bytes: 20 bytes.
        return f.length >= 20 && ip(u16(f, 0)) ? 20 : -1;
      case RAW:
      case IPV4:
      case IPV6:
        return 0;
      default:
        return -1;
    }
  }

  private static IpPacket ipv4(int linkType, byte[] f, int at) {
    if (f.length < at + 20 || (f[at] & 0xF0) != 0x40) {
      return null;
    }
    int headerLength = (f[at] & 0x0F) * 4;
    int totalLength = u16(f, at + 2);
    if (headerLength < 20 || f.length < at + headerLength) {
      return null;
    }
    // The captured payload ends at the IP total length (Ethernet pads short frames) or the snap length.
    int end = Math.min(f.length, at + Math.max(totalLength, headerLength));
    return new IpPacket(linkType, address(f, at + 12), address(f, at + 16), f[at + 9] & 0xFF,
        Arrays.copyOfRange(f, at + headerLength, end));
  }

  private static boolean ip(int ethertype) {
    return ethertype == ETHERTYPE_IPV4 || ethertype == ETHERTYPE_IPV6;
  }

  /**
   * An IPv6 packet: the 40-byte header, then up to {@value #MAX_EXTENSION_HEADERS} extension headers
   * (hop-by-hop 0, routing 43, fragment 44, AH 51, destination options 60) skipped to the transport
   * header, whose protocol and bytes the packet then carries. A chain cut by the snap length, or
   * longer than that, leaves the last header seen as the protocol.
   */
  private static IpPacket ipv6(int linkType, byte[] f, int at) {
    if (f.length < at + 40) {
      return null;
    }
    int payloadLength = u16(f, at + 4);
    int end = Math.min(f.length, at + 40 + payloadLength);
    int next = f[at + 6] & 0xFF;
    int pos = at + 40;
    for (int i = 0; i < MAX_EXTENSION_HEADERS && pos + 8 <= end; i++) {
      int length;
      if (next == 0 || next == 43 || next == 60) {
        length = ((f[pos + 1] & 0xFF) + 1) * 8;
      } else if (next == 44) {
        length = 8;
      } else if (next == 51) {
        length = ((f[pos + 1] & 0xFF) + 2) * 4;
      } else {
        break;
      }
      next = f[pos] & 0xFF;
      pos += length;
    }
    pos = Math.min(pos, end);
    return new IpPacket(linkType, address6(f, at + 8), address6(f, at + 24), next, Arrays.copyOfRange(f, pos, end));
  }

  /** Sixteen bytes as canonical IPv6 text (RFC 5952, as targets and the drop watch write them); no name is looked up. */
  private static String address6(byte[] f, int at) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      sb.append(i == 0 ? "" : ":").append(Integer.toHexString(u16(f, at + i)));
    }
    return IpPrefix.parse(sb.toString()).map(IpPrefix::toString).orElse(sb.toString());
  }

  private static String address(byte[] f, int at) {
    return (f[at] & 0xFF) + "." + (f[at + 1] & 0xFF) + "." + (f[at + 2] & 0xFF) + "." + (f[at + 3] & 0xFF);
  }

  static int u16(byte[] f, int at) {
    return ((f[at] & 0xFF) << 8) | (f[at + 1] & 0xFF);
  }

  /** The file is not a pcap file this reader understands. */
  public static final class PcapFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
      super(message);
    }
  }
}
