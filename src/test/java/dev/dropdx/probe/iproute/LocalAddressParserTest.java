package dev.dropdx.probe.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.LocalAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On `ip -o -4 addr show` output recorded in a lab namespace on this host. */
class LocalAddressParserTest {

  @Test
  void everyIpv4AddressWithTheInterfaceThatOwnsIt() throws Exception {
    List<LocalAddress> addrs = LocalAddressParser.parse("ns", Files.readString(Path.of("src/test/resources/recorded/ip-o-4-addr-show.txt")));
    assertThat(addrs).containsExactly(
        new LocalAddress("ns", "lo", "127.0.0.1", 8),
        new LocalAddress("ns", "al-alt0", "198.18.51.1", 24),
        new LocalAddress("ns", "al-alt0", "198.18.51.7", 32),
        new LocalAddress("ns", "al-rx0", "198.18.50.2", 24));
  }

  @Test
  void ipv6LinesAndEmptyOutputGiveNothing() {
    assertThat(LocalAddressParser.parse("ns", "2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever\n")).isEmpty();
    assertThat(LocalAddressParser.parse("ns", "")).isEmpty();
  }
}
