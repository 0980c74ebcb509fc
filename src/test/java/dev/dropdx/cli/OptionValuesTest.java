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
