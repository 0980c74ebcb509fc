package dev.dropdx.fact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

  @ParameterizedTest
  @CsvSource({
      "198.18.2.1, 198.18.2.1, 4",
      "198.18.0.0/15, 198.18.0.0/15, 4",
      "2001:DB8::1, 2001:db8::1, 6",
      "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1, 6",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1, 6",
      "2001:db8:1::/64, 2001:db8:1::/64, 6",
      "::, ::, 6",
      "::1, ::1, 6",
      "ff02::5, ff02::5, 6",
      "fe80::1:2, fe80::1:2, 6",
      "2001:db8::1/128, 2001:db8::1, 6",
      "::ffff:198.18.0.1, ::ffff:c612:1, 6",
  })
  void parsesAndPrintsCanonically(String text, String canonical, int family) {
    IpPrefix p = IpPrefix.parse(text).orElseThrow();
    assertThat(p.toString()).isEqualTo(canonical);
    assertThat(p.family()).isEqualTo(family);
    assertThat(IpPrefix.parse(canonical)).contains(p);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "256.1.1.1", "01.2.3.4", "2001:db8::1::2", "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
      "2001:db8::g", "2001:db8::12345", "fe80::1%eth0", "2001:db8::/129", "198.18.0.0/33", "198.18.0.0/08", "198.18.0.0/", "host.example",
      ":1", "1:", "2001:db8::1 -x", "[2001:db8::1]"})
  void refusesWhatIsNoAddress(String bad) {
    assertThat(IpPrefix.parse(bad)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "2001:db8:1::/64, 2001:db8:1::2, true",
      "2001:db8:1::/64, 2001:db8:1:0:ffff::1, true",
      "2001:db8:1::/64, 2001:db8:2::2, false",
      "2001:db8::1, 2001:db8:0::1, true",
      "2001:db8::1, 2001:db8::2, false",
      "198.18.0.0/15, 198.19.255.1, true",
      "198.18.0.0/15, 198.20.0.1, false",
      "198.18.0.0/15, 2001:db8::1, false",
      "::/0, 198.18.0.1, false",
      "::/0, 2001:db8::1, true",
      "198.18.0.0/15, 198.18.0.0/16, false",
  })
  void containsComparesBitsNotText(String prefix, String address, boolean inside) {
    assertThat(IpPrefix.parse(prefix).orElseThrow().contains(address)).isEqualTo(inside);
  }
}
