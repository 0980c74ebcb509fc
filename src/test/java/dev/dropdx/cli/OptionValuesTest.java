package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionValuesTest {

  @Test
  void parsesAFullTarget() {
    Target t = OptionValues.parse("198.18.2.1", "224.0.0.5", "ospf", null, "eth0.100", "dropdx-lab-x");
    assertThat(t).isEqualTo(new Target("198.18.2.1", "224.0.0.5", 89, null, "eth0.100", "dropdx-lab-x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4; reboot", "$(id)", "01.2.3.4", "1.2.3.4\n", "", "١.٢.٣.٤"})
  void rejectsBadAddressesWithOneLine(String bad) {
    assertThatThrownBy(() -> OptionValues.parse(bad, null, null, null, null, null))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--src")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void parsesIpv6AddressesAndPrefixesOfEitherFamily() {
    Target t = OptionValues.parse("2001:DB8:60::0001", "2001:db8:61::/64", "icmp6", null, null, null);
    assertThat(t).isEqualTo(new Target("2001:db8:60::1", "2001:db8:61::/64", 58, null, null, ""));
    assertThat(OptionValues.parse(null, "ff02::5", "ospf", null, null, null).protocol()).isEqualTo(89);
    assertThat(OptionValues.parse("198.18.0.0/15", null, "udp", "53", null, null).src()).isEqualTo("198.18.0.0/15");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2001:db8::1::2", "fe80::1%eth0", "2001:db8::/129", "198.18.0.0/33", "2001:db8::g", "::1; reboot"})
  void rejectsBadIpv6AndPrefixesWithOneLine(String bad) {
    assertThatThrownBy(() -> OptionValues.parse(null, bad, null, null, null, null))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--dst")
        .hasMessageContaining("IPv4 or IPv6 address or prefix")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void refusesMixedFamiliesAndIcmpOfTheOtherFamily() {
    assertThatThrownBy(() -> OptionValues.parse("198.18.0.1", "2001:db8::1", null, null, null, null))
        .isInstanceOf(UsageException.class).hasMessageContaining("different IP families");
    assertThatThrownBy(() -> OptionValues.parse("2001:db8::1", null, "icmp", null, null, null))
        .isInstanceOf(UsageException.class).hasMessageContaining("icmp6 over IPv6");
    assertThatThrownBy(() -> OptionValues.parse("198.18.0.1", null, "icmp6", null, null, null))
        .isInstanceOf(UsageException.class).hasMessageContaining("icmp over IPv4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "eth0:1", "sixteen-chars-xx", ".", "..", "a b", "ä"})
  void rejectsInterfaceNamesTheKernelWouldRefuse(String bad) {
    assertThatThrownBy(() -> OptionValues.iface(bad)).isInstanceOf(UsageException.class).hasMessageContaining("--iface");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc", "a;b", "-rf", "$(id)", "x\ny"})
  void rejectsNamespaceNamesThatAreNotNames(String bad) {
    assertThatThrownBy(() -> OptionValues.netns(bad)).isInstanceOf(UsageException.class);
  }

  @Test
  void portsNeedUdpOrTcp() {
    assertThatThrownBy(() -> OptionValues.parse(null, null, "icmp", "53", null, null)).hasMessageContaining("--dport");
    assertThat(OptionValues.parse(null, null, "vxlan", "4789", null, null).dport()).isEqualTo(4789);
    assertThatThrownBy(() -> OptionValues.parse(null, null, "udp", "70000", null, null)).hasMessageContaining("1 to 65535");
  }

  @Test
  void quotingShowsControlCharactersAndCutsLongValues() {
    assertThat(OptionValues.quote("a\nb")).isEqualTo("'a\\x0ab'");
    assertThat(OptionValues.quote("x".repeat(100))).endsWith("...'");
  }

  @Test
  void batchTakesJsonAsDiagnoseDoesMeaningJsonLines() {
    assertThat(OptionValues.batchFormat("json")).isEqualTo("jsonl");
    assertThat(OptionValues.batchFormat("JSONL")).isEqualTo("jsonl");
    assertThat(OptionValues.batchFormat("markdown")).isEqualTo("markdown");
    assertThatThrownBy(() -> OptionValues.batchFormat("text")).isInstanceOf(UsageException.class).hasMessageContaining("json (JSON Lines)");
  }
}
