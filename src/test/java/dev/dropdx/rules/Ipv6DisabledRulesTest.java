package dev.dropdx.rules;

import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** ipv6-disabled: IPV6DISABLED drops proven by the device's disable_ipv6 sysctl (measured: ip6_rcv_core on the receiving device). */
class Ipv6DisabledRulesTest {
  private static final String SRC = "2001:db8:91::1";
  private static final String DST = "2001:db8:92::1";
  private static final String DEV = "v6d-b0";
  private static final String KEY = "net.ipv6.conf.v6d-b0.disable_ipv6";
  private static final String ALL = "net.ipv6.conf.all.disable_ipv6";
  private static final String DEFAULT = "net.ipv6.conf.default.disable_ipv6";
  private static final String PROVEN = "ipv6-disabled: IPv6 is disabled on the device the packets use";

  private static Drop disabled(String function, TargetMatch match) {
    return drop(function, "IPV6DISABLED", match, DEV, SRC, DST, 58);
  }

  @Test
  void anIpv6DisabledDropAsksForTheDevicesSysctlAndWhereItCameFrom() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(disabled("ip6_rcv_core", TargetMatch.TARGET)).fire();
      assertThat(h.requests("sysctl")).singleElement().satisfies(r -> assertThat(r.param("keys").split(" "))
          .containsExactly(KEY, ALL, DEFAULT));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theDeviceAloneSwitchedOffIsDiagnosedWithItsOwnSysctlAsTheFix() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(disabled("ip6_rcv_core", TargetMatch.TARGET), sysctl(KEY, "1"), sysctl(ALL, "0"), sysctl(DEFAULT, "0")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("ipv6-disabled");
      assertThat(d.bindings()).containsEntry("scope", "iface").containsEntry("direction", "in").containsEntry("iface", DEV);
      assertThat(RuleHarness.words(d)).contains("sysctl -w net.ipv6.conf.v6d-b0.disable_ipv6=0")
          .contains("IPv6 is switched off for v6d-b0 alone").contains("IPV6DISABLED").contains("ip6_rcv_core")
          .doesNotContain("net.ipv6.conf.all.disable_ipv6=0");
      assertThat(h.requests("sysctl")).isEmpty();
    }
  }

  @Test
  void allSwitchedOffIsNamedAndTheFixWritesAllAndDefault() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(disabled("ip6_rcv_core", TargetMatch.UNFILTERED), sysctl(KEY, "1"), sysctl(ALL, "1"), sysctl(DEFAULT, "1")).fire();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("scope", "all");
      assertThat(RuleHarness.words(d)).contains("sysctl -w net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0");
    }
  }

  @Test
  void aLeavingPacketIsToldAsTheOutputPath() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(disabled("ip6_output", TargetMatch.TARGET), sysctl(KEY, "1"), sysctl(ALL, "0"), sysctl(DEFAULT, "0")).fire();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("direction", "out");
      assertThat(RuleHarness.words(d)).contains("routed out through v6d-b0");
    }
  }

  @Test
  void nearMissIpv6IsOnAgainWhenRead() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(disabled("ip6_rcv_core", TargetMatch.TARGET), sysctl(KEY, "0"), sysctl(ALL, "0"), sysctl(DEFAULT, "0")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.fired()).doesNotContain(PROVEN);
    }
  }

  @Test
  void nearMissSomeoneElsesPacketsOrAnotherReason() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(disabled("ip6_rcv_core", TargetMatch.OTHER), sysctl(KEY, "1"), sysctl(ALL, "0"), sysctl(DEFAULT, "0")).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("sysctl")).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip6_rcv_core", "NOT_SPECIFIED", TargetMatch.TARGET, DEV, SRC, DST, 58), sysctl(KEY, "1"), sysctl(ALL, "0"),
          sysctl(DEFAULT, "0")).fire();
      assertThat(h.diagnoses()).filteredOn(d -> d.cause().equals("ipv6-disabled")).isEmpty();
    }
  }
}
