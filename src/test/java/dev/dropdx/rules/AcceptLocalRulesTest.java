package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.inputRouteFails;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LocalAddress;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class AcceptLocalRulesTest {
  private static final String SRC = "198.18.51.1";
  private static final String DST = "198.18.50.2";
  private static final String IF = "al-rx0";
  private static final String ASK_ADDRS = "accept-local: ask which interface owns the source address";
  private static final String ASK_SYSCTL = "accept-local: ask whether accept_local allows a local source on the receiving interface";
  private static final String ASK_ROUTE = "accept-local: ask the kernel to validate the packet's input route";
  private static final String PROVEN = "accept-local: the source is our own address and accept_local is off";

  private static Drop localSourceDrop(TargetMatch match) {
    return drop("ip_rcv_finish_core", "IP_LOCAL_SOURCE", match, IF, SRC, DST, 17);
  }

  private static Object[] addresses() {
    return new Object[] {new LocalAddress(NS, "lo", "127.0.0.1", 8), new LocalAddress(NS, IF, DST, 24), new LocalAddress(NS, "al-alt0", SRC, 24)};
  }

  private static Object[] sysctls(String all, String dev, String rpAll, String rpDev) {
    return new Object[] {sysctl("net.ipv4.conf.all.accept_local", all), sysctl("net.ipv4.conf.al-rx0.accept_local", dev),
        sysctl("net.ipv4.conf.all.rp_filter", rpAll), sysctl("net.ipv4.conf.al-rx0.rp_filter", rpDev)};
  }

  @Test
  void theDropAsksFirstWhoOwnsTheSource() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localSourceDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("local-addresses")).singleElement().satisfies(r -> assertThat(r.param("netns")).isEqualTo(NS));
      assertThat(h.requests("sysctl")).isEmpty();
      assertThat(h.requests("route")).isEmpty();
    }
  }

  @Test
  void aLocalSourceLeadsToAcceptLocalRpFilterAndTheInputRoute() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localSourceDrop(TargetMatch.TARGET)).insert(addresses()).fire();
      assertThat(h.requests("sysctl")).singleElement().satisfies(r -> assertThat(r.param("keys"))
          .isEqualTo("net.ipv4.conf.all.accept_local net.ipv4.conf.al-rx0.accept_local net.ipv4.conf.all.rp_filter net.ipv4.conf.al-rx0.rp_filter"));
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("from")).isEqualTo(SRC);
        assertThat(r.param("iif")).isEqualTo(IF);
      });
    }
  }

  @Test
  void accept_localOffIsDiagnosedWithTheOwnerAndLooseRpFilterNeedsNothingMore() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localSourceDrop(TargetMatch.TARGET), inputRouteFails(DST, SRC, IF, "Invalid argument")).insert(addresses())
          .insert(sysctls("0", "0", "0", "2")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("accept-local");
      assertThat(d.bindings()).containsEntry("owner", "al-alt0").containsEntry("iface", IF).containsEntry("src", SRC);
      assertThat(RuleHarness.words(d)).contains("loose (2)");
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void strictRpFilterIsNamedAsTheSecondSettingToChange() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localSourceDrop(TargetMatch.TARGET), inputRouteFails(DST, SRC, IF, "Invalid argument")).insert(addresses())
          .insert(sysctls("0", "0", "1", "0")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d))
          .contains("strict (1)").contains("ip netns exec " + NS + " sysctl -w net.ipv4.conf.all.rp_filter=2"));
    }
  }

  @Test
  void nearMissTheSourceIsNotLocalConcludesNothingAndAsksNoSysctl() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_rcv_finish_core", "IP_LOCAL_SOURCE", TargetMatch.TARGET, IF, "198.18.77.7", DST, 17),
          inputRouteFails(DST, "198.18.77.7", IF, "Invalid argument")).insert(addresses()).insert(sysctls("0", "0", "0", "0")).fire();
      assertThat(h.fired()).doesNotContain(ASK_SYSCTL, ASK_ROUTE, PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAcceptLocalAlreadyOnInEitherPlaceConcludesNothing() {
    for (String[] v : new String[][] {{"1", "0"}, {"0", "1"}}) {
      try (RuleHarness h = new RuleHarness()) {
        h.insert(localSourceDrop(TargetMatch.TARGET), inputRouteFails(DST, SRC, IF, "Invalid argument")).insert(addresses())
            .insert(sysctls(v[0], v[1], "0", "0")).fire();
        assertThat(h.fired()).doesNotContain(PROVEN);
        assertThat(h.diagnoses()).isEmpty();
      }
    }
  }

  @Test
  void nearMissSomeoneElsesDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(localSourceDrop(TargetMatch.OTHER), inputRouteFails(DST, SRC, IF, "Invalid argument")).insert(addresses())
          .insert(sysctls("0", "0", "0", "0")).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissRpFilterDropsDoNotAskForLocalAddresses() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_rcv_finish_core", "IP_RPFILTER", TargetMatch.TARGET, IF, SRC, DST, 17)).fire();
      assertThat(h.fired()).doesNotContain(ASK_ADDRS);
    }
  }
}
