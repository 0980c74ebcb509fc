package dev.dropdx.probe.dropmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.KernelAddress;
import dev.dropdx.fact.KernelModule;
import dev.dropdx.probe.dropmonitor.DropMonitorParser.Location;
import dev.dropdx.probe.procfs.ModulesParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropMonitorParserTest {
  @Test
  void countsAreSummedPerLocationAndKindAndPromptsAreSkipped() throws Exception {
    List<Location> l = DropMonitorParser.parse(Files.readString(Path.of("src/test/resources/recorded/dropwatch-kas.txt")));
    assertThat(l).containsExactly(
        new Location("ip_rcv_finish", "ip_rcv_finish+0x1a3", "0xffffffff8a2b1c23", "software", 2),
        new Location("gre_rcv", "gre_rcv+0x5a", "0xffffffffc099411a", "software", 2),
        new Location("0xffffffffc0a1d9b1", "0xffffffffc0a1d9b1", "0xffffffffc0a1d9b1", "software", 3),
        new Location("__netif_receive_skb_core", "__netif_receive_skb_core+0x4f2", "0xffffffff8a2410f2", "hardware", 1));
  }

  @Test
  void theModuleLoadAddressesTellWhichModuleOwnsADropAddress() throws Exception {
    List<KernelModule> modules = ModulesParser.parse(Files.readString(Path.of("src/test/resources/recorded/proc-modules-gre.txt")));
    assertThat(modules).extracting(KernelModule::name).containsExactly("ip_gre", "ip_tunnel", "gre", "vxlan");
    KernelAddress drop = new KernelAddress("gre_rcv", "gre_rcv+0x5a", "0xffffffffc099411a");
    assertThat(modules.stream().filter(m -> m.contains(drop))).extracting(KernelModule::name).containsExactly("gre");
    assertThat(modules.stream().filter(m -> m.contains(new KernelAddress("ip_rcv_finish", "x", "0xffffffff8a2b1c23")))).isEmpty();
  }
}
