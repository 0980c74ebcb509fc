package dev.dropdx.probe.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.LinkState;
import dev.dropdx.fact.NeighbourEntry;
import dev.dropdx.fact.NextHop;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outputs recorded in router r of kernel-evidence "neighbour-unresolved" (nobody owns 198.18.2.1 on r2). */
class NeighbourProbeTest {

  private static String cmd(String line, String stdout) {
    return RawCommand.encode(new CommandResult(List.of(line.split(" ")), 0, stdout, "", false));
  }

  @Test
  void neighbourLinesGiveStatesAddressesAndProbesEvenWithoutTheSpaceBeforeProbes() throws Exception {
    List<NeighbourEntry> n = NeighbourParser.neighbours("r", "r2", Files.readString(Path.of("src/test/resources/recorded/ip-neigh-failed.txt")));
    assertThat(n).containsExactly(new NeighbourEntry("r", "198.18.2.1", "r2", null, "FAILED", 4),
        new NeighbourEntry("r", "198.18.2.7", "r2", null, "FAILED", -1),
        new NeighbourEntry("r", "198.18.2.9", "r2", "82:61:9e:76:89:e7", "REACHABLE", 1),
        new NeighbourEntry("r", "198.18.2.254", "r2", "82:61:9e:76:89:aa", "STALE", -1));
    assertThat(n.get(0).unresolved()).isTrue();
    assertThat(n.get(2).unresolved()).isFalse();
    assertThat(NeighbourParser.neighbours("r", "r2", "198.18.2.3 INCOMPLETE\n")).singleElement()
        .satisfies(e -> assertThat(e.dev()).isEqualTo("r2"));
  }

  @Test
  void briefLinkLinesGiveStateAndFlagsWithoutThePeerSuffix() {
    assertThat(NeighbourParser.links("r", "r2@if2           UP             82:61:9e:76:89:e7 <BROADCAST,MULTICAST,UP,LOWER_UP> \n"))
        .containsExactly(new LinkState("r", "r2", "UP", List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP")));
    assertThat(NeighbourParser.links("r", "r2@if2  LOWERLAYERDOWN  82:61:9e:76:89:e7 <NO-CARRIER,BROADCAST,MULTICAST,UP> \n").get(0).carrying())
        .isFalse();
  }

  @Test
  void routeGetGivesTheGatewayOrTheDestinationItself() {
    assertThat(NeighbourParser.nextHop("r", "198.18.2.1", "198.18.2.1 dev r2 src 198.18.2.2 uid 0 \\    cache \n"))
        .contains(new NextHop("r", "198.18.2.1", "198.18.2.1", "r2", false));
    assertThat(NeighbourParser.nextHop("a", "198.18.2.1", "198.18.2.1 via 198.18.1.2 dev a0 src 198.18.1.1 uid 0 \\    cache \n"))
        .contains(new NextHop("a", "198.18.2.1", "198.18.1.2", "a0", true));
    assertThat(NeighbourParser.nextHop("r", "198.18.2.2", "local 198.18.2.2 dev lo src 198.18.2.2 uid 0 \\    cache <local> \n")).isEmpty();
  }

  @Test
  void theProbeReplaysItsThreeSectionsIntoFacts() {
    String raw = RecordedSections.writer()
        .section("ip route get", cmd("ip -n r -o route get 198.18.2.1", "198.18.2.1 dev r2 src 198.18.2.2 uid 0 \\    cache \n"))
        .section("ip -s neigh show", cmd("ip -n r -s neigh show dev r2", "198.18.2.1 used 1/62/1probes 4 FAILED \n"))
        .section("ip -br link show", cmd("ip -n r -br link show dev r2", "r2@if2 UP 82:61:9e:76:89:e7 <BROADCAST,MULTICAST,UP,LOWER_UP> \n"))
        .toString();
    ProbeOutcome o = new NeighbourProbe(null).interpret(ProbeRequest.of("neighbours", 50, "t", "w", "netns", "r", "dst", "198.18.2.1", "dev", ""),
        raw, new ProbeContext(null, null, 3, line -> { }));
    assertThat(o.facts()).containsExactly(new NextHop("r", "198.18.2.1", "198.18.2.1", "r2", false),
        new NeighbourEntry("r", "198.18.2.1", "r2", null, "FAILED", 4),
        new LinkState("r", "r2", "UP", List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP")));
    assertThat(o.summary()).contains("neighbour 198.18.2.1 on r2: FAILED").contains("link r2: UP");
  }
}
