package dev.dropdx.fact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void ipv6AddressesAreKeptCanonicalAndMatchedByValue() {
    Target t = new Target("2001:DB8:60:0::1", null, 17, 5098, null, "");
    assertThat(t.src()).isEqualTo("2001:db8:60::1");
    assertThat(t.family()).isEqualTo(6);
    assertThat(t.ipv6()).isTrue();
    assertThat(t.matches("2001:db8:60::1", "2001:db8:60::2", 17, 5098)).isTrue();
    assertThat(t.matches("2001:db8:60::3", "2001:db8:60::2", 17, 5098)).isFalse();
    assertThat(t.matches("2001:db8:60::1", "2001:db8:60::2", 17, 5099)).isFalse();
    assertThat(t.matches("198.18.0.1", "2001:db8:60::2", 17, 5098)).isFalse();
  }

  @Test
  void aPrefixMatchesEveryAddressInsideIt() {
    Target v6 = new Target(null, "2001:db8:60::/64", null, null, null, "");
    assertThat(v6.matches("2001:db8:61::1", "2001:db8:60::99", 58, null)).isTrue();
    assertThat(v6.matches("2001:db8:61::1", "2001:db8:61::99", 58, null)).isFalse();
    Target v4 = new Target("198.18.2.0/24", null, 1, null, null, "");
    assertThat(v4.matches("198.18.2.77", "198.18.9.1", 1, null)).isTrue();
    assertThat(v4.matches("198.18.3.77", "198.18.9.1", 1, null)).isFalse();
    assertThat(v4.family()).isEqualTo(4);
  }

  @Test
  void icmp6AloneMakesAnIpv6TargetAndNothingSaidStaysIpv4() {
    assertThat(new Target(null, null, 58, null, null, "").family()).isEqualTo(6);
    assertThat(new Target(null, null, 89, null, null, "").family()).isZero();
    assertThat(new Target(null, null, 89, null, null, "").ipv6()).isFalse();
    assertThat(new Target("198.18.0.1", "198.18.1.2", 17, 53, null, "").matches("198.18.0.1", "198.18.1.2", 17, 53)).isTrue();
  }

  @Test
  void icmp6HasItsName() {
    assertThat(Protocols.parse("icmp6")).contains(58);
    assertThat(Protocols.parse("ipv6-icmp")).contains(58);
    assertThat(Protocols.name(58)).isEqualTo("icmp6");
    assertThat(new Target(null, "ff02::5", 89, null, null, "").describe()).isEqualTo("dst=ff02::5 proto=ospf");
  }
}
