package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LinkInfo;
import dev.dropdx.fact.RouteLookup;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class MtuTooBigRulesTest {
  private static final String SRC = "198.18.133.1";
  private static final String DST = "198.18.134.2";
  private static final String IN = "mtb-r1";
  private static final String OUT = "mtb-r2";
  private static final String PROVEN = "mtu-too-big: DF packets are bigger than the egress device's MTU";

  private static Drop tooBig(String function, TargetMatch match) {
    return drop(function, "PKT_TOO_BIG", match, IN, SRC, DST, 17);
  }

  private static RouteLookup forwardRoute(String dev, String type) {
    return new RouteLookup(NS, "input", DST, SRC, IN, dev, type, null);
  }

  private static LinkInfo link(String iface, int mtu) {
    return new LinkInfo(NS, iface, true, "veth", mtu, "UP", "fa:13:de:37:e2:11", null, null, null, 0, 0, 0, null);
  }

  @Test
  void aPktTooBigAtIpForwardAsksForTheInputRouteFromTheArrivalDevice() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_forward", TargetMatch.TARGET)).fire();
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(DST);
        assertThat(r.param("from")).isEqualTo(SRC);
        assertThat(r.param("iif")).isEqualTo(IN);
      });
      assertThat(h.requests("link")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theRoutesEgressDeviceIsAskedForItsMtu() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_forward", TargetMatch.TARGET), forwardRoute(OUT, "unicast")).fire();
      assertThat(h.requests("link")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo(OUT));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theEgressMtuIsNamedNotTheArrivalDevices() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_forward", TargetMatch.TARGET), forwardRoute(OUT, "unicast"), link(IN, 1500), link(OUT, 1280)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("mtu-too-big");
      assertThat(d.bindings()).containsEntry("egress", OUT).containsEntry("arrival", IN).containsEntry("mtu", "1280");
      assertThat(RuleHarness.words(d)).contains("link set dev mtb-r2 mtu").contains("route get 198.18.134.2 from 198.18.133.1 iif mtb-r1");
    }
  }

  @Test
  void nearMissPktTooBigSomewhereElseThanForwarding() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_finish_output2", TargetMatch.TARGET), forwardRoute(OUT, "unicast"), link(OUT, 1280)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("route")).isEmpty();
    }
  }

  @Test
  void nearMissTheRouteLookupFailsOrIsLocal() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_forward", TargetMatch.TARGET), new RouteLookup(NS, "input", DST, SRC, IN, null, null, "Network is unreachable"))
          .fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("link")).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_forward", TargetMatch.TARGET), forwardRoute("lo", "local"), link("lo", 65536)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheEgressDeviceIsGone() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_forward", TargetMatch.TARGET), forwardRoute(OUT, "unicast"), LinkInfo.missing(NS, OUT)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesPackets() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(tooBig("ip_forward", TargetMatch.OTHER), forwardRoute(OUT, "unicast"), link(OUT, 1280)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("route")).isEmpty();
    }
  }
}
