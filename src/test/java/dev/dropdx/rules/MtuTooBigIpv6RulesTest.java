package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.outputRoute;
import static dev.dropdx.support.Facts.outputRouteFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LinkInfo;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** mtu-too-big, IPv6 twin: PKT_TOO_BIG at ip6_forward is reported on the EGRESS device (measured), whose MTU is the limit. */
class MtuTooBigIpv6RulesTest {
  private static final String SRC = "2001:db8:133::1";
  private static final String DST = "2001:db8:134::2";
  private static final String OUT = "mt6-r2";
  private static final String PROVEN = "mtu-too-big: IPv6 packets are bigger than the egress device's MTU";

  private static Drop tooBig(String function, TargetMatch match) {
    return drop(function, "PKT_TOO_BIG", match, OUT, SRC, DST, 17);
  }

  private static LinkInfo link(String iface, int mtu) {
    return new LinkInfo(NS, iface, true, "veth", mtu, "UP", "fa:13:de:37:e2:11", null, null, null, 0, 0, 0, null);
  }

  @Test
  void anIpv6PktTooBigAsksForTheOutputRouteNotAnInputLookupFromTheDropsDevice() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_forward", TargetMatch.TARGET)).fire();
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(DST);
        assertThat(r.param("iif")).isNull();
        assertThat(r.param("from")).isNull();
      });
      assertThat(h.requests("link")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void whenTheRouteLeavesByTheDropsDeviceItsMtuIsAsked() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_forward", TargetMatch.TARGET), outputRoute(DST, OUT)).fire();
      assertThat(h.requests("link")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo(OUT));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theEgressMtuIsNamedInIpv6Words() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_forward", TargetMatch.TARGET), outputRoute(DST, OUT), link(OUT, 1280)).fire();
      assertThat(h.fired()).containsOnlyOnce(PROVEN).doesNotContain("mtu-too-big: DF packets are bigger than the egress device's MTU");
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("mtu-too-big");
      assertThat(d.bindings()).containsEntry("family", "ipv6").containsEntry("egress", OUT).containsEntry("mtu", "1280")
          .containsEntry("arrival", null);
      assertThat(RuleHarness.words(d)).contains("IPv6 routers never fragment").contains("ICMPv6 Packet Too Big")
          .contains("link set dev mt6-r2 mtu").contains("ip6tables -t mangle").contains("route get " + DST + "   (the egress device, mt6-r2")
          .contains("Ip6InTooBigErrors").doesNotContain("Don't Fragment flag, so").doesNotContain(" iif ");
    }
  }

  @Test
  void nearMissTheRouteLeavesByAnotherDeviceOrFails() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_forward", TargetMatch.TARGET), outputRoute(DST, "mt6-other"), link(OUT, 1280), link("mt6-other", 1500)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("link")).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_forward", TargetMatch.TARGET), outputRouteFails(DST, "Network is unreachable"), link(OUT, 1280)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheDeviceIsGoneSomeoneElsesPacketsOrAnotherPlace() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_forward", TargetMatch.TARGET), outputRoute(DST, OUT), LinkInfo.missing(NS, OUT)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_forward", TargetMatch.OTHER), outputRoute(DST, OUT), link(OUT, 1280)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("route")).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip6_finish_output2", TargetMatch.TARGET), outputRoute(DST, OUT), link(OUT, 1280)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests()).noneMatch(r -> r.askedBy().startsWith("mtu-too-big"));
    }
  }
}
