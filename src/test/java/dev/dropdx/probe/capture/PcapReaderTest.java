package dev.dropdx.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.GreHeader;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.capture.PcapReader.Capture;
import dev.dropdx.probe.capture.PcapReader.PcapFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recordings: tcpdump -w inside dropdx-lab-gre-rx on this kernel, packets.py send-ip --proto 47. */
class PcapReaderTest {
  private static final String SRC = "198.18.40.1";
  private static final String DST = "198.18.40.2";

  private static byte[] recorded(String name) throws Exception {
    return Files.readAllBytes(Path.of("src/test/resources/recorded", name));
  }

  @Test
  void ethernetLittleEndianPptpLikeVersionOne() throws Exception {
    Capture c = PcapReader.read(recorded("gre-v1-pptp-ethernet.pcap"));
    assertThat(c.linkType()).isEqualTo(PcapReader.ETHERNET);
    assertThat(c.records()).isEqualTo(3);
    assertThat(c.truncated()).isFalse();
    assertThat(c.packets()).allSatisfy(p -> {
      assertThat(p.src()).isEqualTo(SRC);
      assertThat(p.dst()).isEqualTo(DST);
      assertThat(p.protocol()).isEqualTo(47);
      // The IP total length (28) bounds the payload, not the frame (no padding read as GRE).
      assertThat(p.payload()).hasSize(8);
    });
    List<GreHeader> gre = GreHeaders.decode("ns", "gre-rx0", c.packets());
    assertThat(gre).singleElement().satisfies(h -> {
      assertThat(h.headerWordHex()).isEqualTo("0x2001");
      assertThat(h.version()).isEqualTo(1);
      assertThat(h.keyBit()).isTrue();
      assertThat(h.checksumBit()).isFalse();
      assertThat(h.sequenceBit()).isFalse();
      assertThat(h.routingBit()).isFalse();
      assertThat(h.flagLetters()).isEqualTo("K");
      assertThat(h.protocolTypeHex()).isEqualTo("0x880b");
      assertThat(h.count()).isEqualTo(3);
    });
  }

  @Test
  void linuxCookedV2FromAnyInterfaceVersionZero() throws Exception {
    Capture c = PcapReader.read(recorded("gre-v0-sll2.pcap"));
    assertThat(c.linkType()).isEqualTo(PcapReader.LINUX_SLL2);
    List<GreHeader> gre = GreHeaders.decode("ns", "any", c.packets());
    assertThat(gre).singleElement().satisfies(h -> {
      assertThat(h.version()).isZero();
      assertThat(h.flagLetters()).isEqualTo("none");
      assertThat(h.protocolTypeHex()).isEqualTo("0x0800");
      assertThat(h.count()).isEqualTo(2);
    });
  }

  @Test
  void linuxCookedV1KeyAndSequence() throws Exception {
    Capture c = PcapReader.read(recorded("gre-v1-ks-sll.pcap"));
    assertThat(c.linkType()).isEqualTo(PcapReader.LINUX_SLL);
    assertThat(GreHeaders.decode("ns", "any", c.packets())).singleElement().satisfies(h -> {
      assertThat(h.version()).isEqualTo(1);
      assertThat(h.flagLetters()).isEqualTo("K S");
      assertThat(h.headerWordHex()).isEqualTo("0x3001");
    });
  }

  @Test
  void nanosecondTimestampsReadTheSame() throws Exception {
    Capture c = PcapReader.read(recorded("gre-v1-ks-ethernet-nano.pcap"));
    assertThat(c.records()).isEqualTo(2);
    assertThat(GreHeaders.decode("ns", "gre-rx0", c.packets())).singleElement()
        .satisfies(h -> assertThat(h.headerWordHex()).isEqualTo("0x3001"));
  }

  @Test
  void bigEndianFilesReadTheSame() throws Exception {
    byte[] little = recorded("gre-v1-pptp-ethernet.pcap");
    Capture c = PcapReader.read(toBigEndian(little));
    assertThat(c.linkType()).isEqualTo(PcapReader.ETHERNET);
    assertThat(c.records()).isEqualTo(3);
    assertThat(GreHeaders.decode("ns", "x", c.packets())).singleElement().satisfies(h -> assertThat(h.version()).isEqualTo(1));
  }

  @Test
  void aFileCutInsideARecordKeepsTheWholeRecordsAndSaysSo() throws Exception {
    byte[] full = recorded("gre-v1-pptp-ethernet.pcap");
    Capture c = PcapReader.read(Arrays.copyOf(full, full.length - 10));
    assertThat(c.truncated()).isTrue();
    assertThat(c.records()).isEqualTo(2);
  }

  @Test
  void otherProtocolsAndShortGrePayloadsYieldNoHeader() throws Exception {
    Capture c = PcapReader.read(recorded("gre-v1-pptp-ethernet.pcap"));
    var p = c.packets().get(0);
    var icmp = new PcapReader.IpPacket(p.linkType(), p.src(), p.dst(), 1, p.payload());
    var shortGre = new PcapReader.IpPacket(p.linkType(), p.src(), p.dst(), 47, new byte[] {0x20, 0x01});
    assertThat(GreHeaders.decode("ns", "x", List.of(icmp, shortGre))).isEmpty();
  }

  /** A little-endian pcap of one raw IPv6 frame (link type 229). */
  private static byte[] rawIpv6Pcap(byte[] packet) {
    ByteBuffer b = ByteBuffer.allocate(24 + 16 + packet.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(PcapReader.IPV6);
    b.putInt(0).putInt(0).putInt(packet.length).putInt(packet.length).put(packet);
    return b.array();
  }

  /** IPv6 2001:db8:40::1 -> 2001:db8:40::2, a destination-options header, then GRE version 1 (PPTP's 0x880b). */
  private static byte[] ipv6GreWithDestinationOptions() {
    byte[] gre = {0x20, 0x01, (byte) 0x88, 0x0b, 0, 0, 0, 0};
    byte[] options = {47, 0, 1, 4, 0, 0, 0, 0}; // next header GRE, length 0 (8 bytes), a PadN option
    ByteBuffer b = ByteBuffer.allocate(40 + options.length + gre.length);
    b.putInt(0x60000000).putShort((short) (options.length + gre.length)).put((byte) 60).put((byte) 64);
    b.put(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    b.put(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
    b.put(options).put(gre);
    return b.array();
  }

  @Test
  void ipv6PacketsAreReadPastTheirExtensionHeadersToTheGreHeader() {
    Capture c = PcapReader.read(rawIpv6Pcap(ipv6GreWithDestinationOptions()));
    assertThat(c.linkType()).isEqualTo(PcapReader.IPV6);
    assertThat(c.packets()).singleElement().satisfies(p -> {
      assertThat(p.src()).isEqualTo("2001:db8:40::1");
      assertThat(p.dst()).isEqualTo("2001:db8:40::2");
      assertThat(p.protocol()).isEqualTo(47);
    });
    assertThat(GreHeaders.decode("ns", "any", c.packets())).singleElement().satisfies(h -> {
      assertThat(h.version()).isEqualTo(1);
      assertThat(h.src()).isEqualTo("2001:db8:40::1");
      assertThat(h.protocolTypeHex()).isEqualTo("0x880b");
    });
    // The probe's own decoding, with the IPv6 filter's warning about extension headers in the notes.
    ProbeOutcome o = CaptureProbe.decode("ns", "any", CaptureFilter.of("ip proto 47", 6), 5, rawIpv6Pcap(ipv6GreWithDestinationOptions()), "");
    assertThat(o.facts()).singleElement().isInstanceOf(GreHeader.class);
    assertThat(o.raw()).contains("2001:db8:40::1 > 2001:db8:40::2 proto 47 payload 2001880b");
    assertThat(o.notes()).anySatisfy(n -> assertThat(n).contains("'ip6 proto 47'").contains("extension headers"));
  }

  @Test
  void notPcapIsRefusedWithTheReason() {
    assertThatThrownBy(() -> PcapReader.read(new byte[0])).isInstanceOf(PcapFormatException.class).hasMessageContaining("empty");
    byte[] pcapng = new byte[32];
    ByteBuffer.wrap(pcapng).putInt(0x0a0d0d0a);
    assertThatThrownBy(() -> PcapReader.read(pcapng)).hasMessageContaining("pcapng");
    assertThatThrownBy(() -> PcapReader.read(new byte[24])).hasMessageContaining("not a pcap file");
  }

  @Test
  void theProbeDecodesARecordingIntoFactsAndSaysWhenNothingWasSeen() throws Exception {
    ProbeOutcome o = CaptureProbe.decode("dropdx-lab-gre-rx", "gre-rx0", CaptureFilter.of("ip proto 47", 4), 5, recorded("gre-v1-pptp-ethernet.pcap"), "");
    assertThat(o.facts()).singleElement().isInstanceOf(GreHeader.class);
    assertThat(o.summary()).contains("3 packet(s)").contains("version 1").contains("0x880b");
    assertThat(o.raw()).contains("198.18.40.1 > 198.18.40.2 proto 47 payload 2001880b");
    ProbeOutcome none = CaptureProbe.decode("ns", "gre-rx0", CaptureFilter.of("ip proto 47", 4), 5, new byte[0], "");
    assertThat(none.facts()).isEmpty();
    assertThat(none.notes()).anySatisfy(n -> assertThat(n).contains("no packet matching"));
  }

  @Test
  void aRecordedCaptureReplaysToTheSameFactsAndAnswersANarrowerFilter() throws Exception {
    ProbeOutcome live = CaptureProbe.decode("ns", "any", CaptureFilter.of("ip proto 47", 4), 5, recorded("gre-v1-pptp-ethernet.pcap"), "$ tcpdump\n");
    CaptureProbe probe = new CaptureProbe(null, null);
    ProbeRequest narrower = ProbeRequest.of("capture", 60, "test", "why", "netns", "ns", "iface", "gre-rx0",
        "filter", "ip proto 47 and src host 198.18.40.1", "count", "5");
    Map<String, String> recordedParams = Map.of("netns", "ns", "iface", "any", "filter", "ip proto 47", "count", "5");
    String answer = probe.answerFrom(recordedParams, live.raw(), narrower).orElseThrow();
    ProbeOutcome replayed = probe.interpret(narrower, answer, new ProbeContext(null, null, 3, line -> { }));
    assertThat(replayed.facts()).singleElement().isInstanceOf(GreHeader.class)
        .satisfies(h -> assertThat(((GreHeader) h).version()).isEqualTo(1));
    assertThat(replayed.summary()).contains("3 packet(s)").contains("version 1");
    assertThat(replayed.raw()).startsWith("$ tcpdump\n").containsOnlyOnce("--- pcap base64 ---");
    // near misses: another namespace, another interface than the one recorded, a filter that is not narrower
    assertThat(probe.answerFrom(recordedParams, live.raw(), ProbeRequest.of("capture", 60, "t", "w", "netns", "other",
        "filter", "ip proto 47"))).isEmpty();
    assertThat(probe.answerFrom(Map.of("netns", "ns", "iface", "eth0", "filter", "ip proto 47"), live.raw(), narrower)).isEmpty();
    assertThat(probe.answerFrom(recordedParams, live.raw(), ProbeRequest.of("capture", 60, "t", "w", "netns", "ns",
        "filter", "ip proto 47x"))).isEmpty();
  }

  /** Rewrites a little-endian pcap in big-endian order: the file header's and every record header's fields. */
  private static byte[] toBigEndian(byte[] le) {
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(le.length).order(ByteOrder.BIG_ENDIAN);
    out.putInt(in.getInt(0)).putShort(in.getShort(4)).putShort(in.getShort(6));
    for (int i = 8; i < 24; i += 4) {
      out.putInt(in.getInt(i));
    }
    int at = 24;
    while (at < le.length) {
      for (int i = 0; i < 16; i += 4) {
        out.putInt(in.getInt(at + i));
      }
      int len = in.getInt(at + 8);
      out.put(le, at + 16, len);
      at += 16 + len;
    }
    return out.array();
  }
}
