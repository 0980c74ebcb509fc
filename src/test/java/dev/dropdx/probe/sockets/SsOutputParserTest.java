package dev.dropdx.probe.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.SocketInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsOutputParserTest {

  private static List<SocketInfo> recorded() throws Exception {
    return SsOutputParser.parse("ns1", Files.readString(Path.of("src/test/resources/recorded/ss-sockets.txt")));
  }

  @Test
  void everySocketOfTheRecordingIsReadWithOwnerAndMemory() throws Exception {
    List<SocketInfo> s = recorded();
    assertThat(s).hasSize(5);
    assertThat(s).filteredOn(x -> x.proto().equals("tcp")).singleElement().satisfies(t -> {
      assertThat(t.state()).isEqualTo("LISTEN");
      assertThat(t.localPort()).isEqualTo(5061);
      assertThat(t.wildcard()).isTrue();
      assertThat(t.process()).isEqualTo("python3");
      assertThat(t.pid()).isEqualTo(28215);
      assertThat(t.rcvbuf()).isEqualTo(131072);
    });
  }

  @Test
  void aFullTinyReceiveBufferShowsItsDrops() throws Exception {
    SocketInfo full = recorded().stream().filter(x -> x.localPort() == 5063).findFirst().orElseThrow();
    assertThat(full.rcvbuf()).isEqualTo(2304);
    assertThat(full.rmemAlloc()).isEqualTo(1280);
    assertThat(full.drops()).isEqualTo(49);
    assertThat(full.recvQueue()).isEqualTo(1280);
  }

  @Test
  void aSpecificAddressAndABoundDeviceAreKeptApart() throws Exception {
    SocketInfo local = recorded().stream().filter(x -> x.proto().equals("udp") && x.localPort() == 5061).findFirst().orElseThrow();
    assertThat(local.localAddr()).isEqualTo("127.0.0.1");
    assertThat(local.accepts("198.18.61.2")).isFalse();
    assertThat(local.accepts("127.0.0.1")).isTrue();
    SocketInfo dev = recorded().stream().filter(x -> x.localPort() == 5064).findFirst().orElseThrow();
    assertThat(dev.device()).isEqualTo("lo");
    assertThat(dev.localAddr()).isEqualTo("0.0.0.0");
    assertThat(dev.endpoint()).isEqualTo("udp 0.0.0.0%lo:5064");
  }

  @Test
  void ipv6AndUnownedSocketsParse() {
    List<SocketInfo> s = SsOutputParser.parse("", """
        tcp LISTEN 0 4096 [::]:22 [::]:*
        udp UNCONN 0 0 [::ffff:198.18.1.2]:53 *:* skmem:(r0,rb4096,t0,tb0,f0,w0,o0,bl0,d3)
        u_str ESTAB 0 0 * 1 * 2
        """);
    assertThat(s).hasSize(2);
    assertThat(s.get(0).localAddr()).isEqualTo("::");
    assertThat(s.get(0).wildcard()).isTrue();
    assertThat(s.get(0).process()).isNull();
    assertThat(s.get(0).drops()).isEqualTo(-1);
    assertThat(s.get(1).localAddr()).isEqualTo("198.18.1.2");
    assertThat(s.get(1).drops()).isEqualTo(3);
  }
}
