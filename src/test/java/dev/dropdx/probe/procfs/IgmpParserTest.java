package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.MulticastGroups;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgmpParserTest {

  /** Recorded on this VM (x86-64, 6.18) in the lab receiver, 224.0.0.5 joined on mc-alt0 only. */
  private static String recorded() throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded/proc-net-igmp-mc-rx.txt"));
  }

  @Test
  void readsTheGroupsOfEachInterfaceFromARecordedLittleEndianFile() throws Exception {
    List<MulticastGroups> all = IgmpParser.parse("ns1", recorded(), ByteOrder.LITTLE_ENDIAN);
    assertThat(all).extracting(MulticastGroups::iface).containsExactly("lo", "mc-rx0", "mc-alt1", "mc-alt0");
    MulticastGroups alt = all.get(3);
    assertThat(alt.ifindex()).isEqualTo(4);
    assertThat(alt.groups()).containsExactly("224.0.0.5", "224.0.0.1");
    assertThat(alt.netns()).isEqualTo("ns1");
    assertThat(alt.listed()).isTrue();
    MulticastGroups rx = all.get(1);
    assertThat(rx.groups()).containsExactly("224.0.0.1");
    assertThat(rx.hasJoined("224.0.0.5")).isFalse();
  }

  @Test
  void theMachinesByteOrderDecidesHowTheGroupColumnReads() {
    assertThat(IgmpParser.toDotted("050000E0", ByteOrder.LITTLE_ENDIAN)).isEqualTo("224.0.0.5");
    assertThat(IgmpParser.toDotted("E0000005", ByteOrder.BIG_ENDIAN)).isEqualTo("224.0.0.5");
    assertThat(IgmpParser.toDotted("FB0000E0", ByteOrder.LITTLE_ENDIAN)).isEqualTo("224.0.0.251");
    assertThat(IgmpParser.toDotted("zz", ByteOrder.LITTLE_ENDIAN)).isNull();
  }

  @Test
  void longInterfaceNamesAndInterfacesWithoutGroupsAreKept() {
    // "%-10s" pads short names only; a 15-character name runs straight into the colon.
    String text = "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
        + "7\tverylongname015:     1      V3\n"
        + "\t\t\t\t060000E0     1 0:00000000\t\t0\n"
        + "8\tquiet0    :     0      V3\n";
    List<MulticastGroups> all = IgmpParser.parse("", text, ByteOrder.LITTLE_ENDIAN);
    assertThat(all).extracting(MulticastGroups::iface).containsExactly("verylongname015", "quiet0");
    assertThat(all.get(0).groups()).containsExactly("224.0.0.6");
    assertThat(all.get(1).groups()).isEmpty();
    assertThat(all.get(1).describe()).contains("quiet0 has joined no group");
  }
}
