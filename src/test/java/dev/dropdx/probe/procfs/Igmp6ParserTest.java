package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Ipv6MulticastGroups;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /proc/net/igmp6 as measured in the OSPFv3 case (kernel-evidence.md "IPv6 twins"): ff02::5 joined on mc-alt0 only. */
class Igmp6ParserTest {
  private static final ProbeContext CONTEXT = new ProbeContext(null, null, 3, line -> { });

  private static String recorded() throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded/igmp6.txt"));
  }

  @Test
  void groupsAreReadPerInterfaceInCanonicalText() throws Exception {
    List<Ipv6MulticastGroups> all = Igmp6Parser.parse("rx", recorded());
    assertThat(all).extracting(Ipv6MulticastGroups::iface).containsExactly("lo", "mc-rx0", "mc-alt1", "mc-alt0");
    Ipv6MulticastGroups alt = all.get(3);
    assertThat(alt.ifindex()).isEqualTo(4);
    assertThat(alt.groups()).containsExactly("ff02::5", "ff02::1:ff49:21ad", "ff02::1:ff00:1", "ff02::1", "ff01::1");
    assertThat(alt.hasJoined("ff02::5")).isTrue();
    assertThat(all.get(1).hasJoined("ff02::5")).isFalse();
    assertThat(all.get(1).describe()).contains("mc-rx0 has joined ff02::1:ffa1:78d9").contains("/proc/net/igmp6 in netns rx");
  }

  @Test
  void linesThatAreNoGroupLineAreSkipped() {
    assertThat(Igmp6Parser.parse("", "garbage\n2 eth0 ff02::5 1 4 0\n2 eth0 ff02000000000000000000000000000 1 4 0\n")).isEmpty();
  }

  @Test
  void anInterfaceWithNoLineIsAnsweredAsNotListedAndAnUnreadableFileIsSaid() throws Exception {
    Igmp6Probe probe = new Igmp6Probe(null);
    ProbeRequest ask = ProbeRequest.of("igmp6", 50, "test", "why", "netns", "rx", "iface", "mc-gone");
    String raw = RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/igmp6"), 0, recorded(), "", false));
    assertThat(probe.interpret(ask, raw, CONTEXT).facts()).filteredOn(f -> ((Ipv6MulticastGroups) f).iface().equals("mc-gone"))
        .singleElement().satisfies(f -> assertThat(((Ipv6MulticastGroups) f).listed()).isFalse());
    String missing = RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/igmp6"), 1, "",
        "cat: /proc/net/igmp6: No such file or directory", false));
    assertThat(probe.interpret(ask, missing, CONTEXT).facts()).isEmpty();
    assertThat(probe.answerFrom(Map.of("netns", "rx"), raw, ask)).contains(raw);
    assertThat(probe.answerFrom(Map.of("netns", "tx"), raw, ask)).isEmpty();
  }
}
