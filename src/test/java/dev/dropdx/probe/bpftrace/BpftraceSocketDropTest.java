package dev.dropdx.probe.bpftrace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.bpftrace.BpftraceOutputParser.PacketDrop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drops of locally sent packets before their IP header exists (protocol 0): read from the socket. */
class BpftraceSocketDropTest {

  @Test
  void aSegmentDroppedInIpQueueXmitHasTheSocketsAddressesPortAndNamespaceButNoDevice() throws Exception {
    List<PacketDrop> drops = BpftraceOutputParser.parse(Files.readString(Path.of("src/test/resources/recorded/bpftrace-no-route-output.txt")));
    assertThat(drops).hasSize(2);
    assertThat(drops.get(0)).isEqualTo(new PacketDrop("__ip_queue_xmit", 54, "198.18.30.1", "198.18.31.2", 6, "", 4026532177L, 5201, 16));
    assertThat(drops.get(1).function()).isEqualTo("ip_rcv_core");
  }

  @Test
  void theProgramTakesProtocolZeroDropsOnlyFromIpv4Sockets() {
    String program = BpftraceDropScript.program(3, false);
    assertThat(program).contains("args->protocol == 2048 || args->protocol == 0").contains("$family == 2")
        .contains("skc_rcv_saddr").contains("skc_daddr").contains("skc_net");
  }
}
