package dev.dropdx.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The capture filter follows the packets' IP family: the rules' IPv4 filters become ip6/icmp6 ones for IPv6. */
class CaptureFilterTest {

  @Test
  void anIpv4FilterStaysAsItIs() {
    CaptureFilter f = CaptureFilter.of("ip proto 47 and src host 198.18.40.1 and dst host 198.18.40.2", 4);
    assertThat(f.text()).isEqualTo("ip proto 47 and src host 198.18.40.1 and dst host 198.18.40.2");
    assertThat(f.notes()).isEmpty();
    // An IPv4 address in the filter wins over a target of no family.
    assertThat(CaptureFilter.of("ip proto 47 and src host 198.18.40.1", 0).text()).isEqualTo("ip proto 47 and src host 198.18.40.1");
  }

  @Test
  void anIpv6AddressMakesItAnIp6FilterAndSaysWhatExtensionHeadersHide() {
    CaptureFilter f = CaptureFilter.of("ip proto 47 and src host 2001:db8:40::1 and dst host 2001:db8:40::2", 0);
    assertThat(f.text()).isEqualTo("ip6 proto 47 and src host 2001:db8:40::1 and dst host 2001:db8:40::2");
    assertThat(f.notes()).singleElement().satisfies(n -> assertThat(n)
        .contains("next-header field only").contains("extension headers").contains("protocol-47 header are not captured"));
  }

  @Test
  void anIpv6TargetTurnsIpAndIcmpIntoTheirIpv6Twins() {
    assertThat(CaptureFilter.of("ip proto 47", 6).text()).isEqualTo("ip6 proto 47");
    assertThat(CaptureFilter.of("ip", 6).text()).isEqualTo("ip6");
    assertThat(CaptureFilter.of("icmp and net 2001:db8:1::/64", 6).text()).isEqualTo("icmp6 and net 2001:db8:1::/64");
    assertThat(CaptureFilter.of("icmp", 6).notes()).isEmpty();
  }

  @Test
  void noFamilyTakesBoth() {
    CaptureFilter f = CaptureFilter.of("ip proto 47", 0);
    assertThat(f.text()).isEqualTo("(ip proto 47 or ip6 proto 47)");
    assertThat(f.notes()).hasSize(1);
    assertThat(CaptureFilter.of("ip", 0).text()).isEqualTo("(ip or ip6)");
    // ICMP is IPv4's: with no family it stays.
    assertThat(CaptureFilter.of("icmp", 0).text()).isEqualTo("icmp");
  }

  @Test
  void aFilterThatNamesIpv6ItselfIsLeftAlone() {
    assertThat(CaptureFilter.of("ip6 proto 47 or ip proto 47", 6).text()).isEqualTo("ip6 proto 47 or ip proto 47");
    assertThat(CaptureFilter.of("icmp6", 0).text()).isEqualTo("icmp6");
  }
}
