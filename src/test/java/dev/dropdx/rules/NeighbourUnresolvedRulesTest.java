package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LinkState;
import dev.dropdx.fact.NeighbourEntry;
import dev.dropdx.fact.NextHop;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evidence as measured in kernel-evidence.md "neighbour-unresolved": router r, egress r2, nobody owns 198.18.2.1. */
class NeighbourUnresolvedRulesTest {
  private static final String SRC = "198.18.1.1";
  private static final String DST = "198.18.2.1";
  private static final String ASK = "neighbour-unresolved: ask for the next hop's neighbour entry and the link";
  private static final String PROVE = "neighbour-unresolved: the next hop's neighbour entry is FAILED or INCOMPLETE";
  private static final Target TARGET = new Target(SRC, DST, 1, null, null, NS);
  private static final NextHop DIRECT = new NextHop(NS, DST, DST, "r2", false);
  private static final LinkState UP = new LinkState(NS, "r2", "UP", List.of("BROADCAST", "MULTICAST", "UP", "LOWER_UP"));

  private static Drop neighDrop(String reason, TargetMatch match) {
    return drop(reason.equals("NEIGH_FAILED") ? "neigh_invalidate" : "__neigh_event_send", reason, match, "r2", SRC, DST, 1);
  }

  private static NeighbourEntry entry(String address, String state) {
    return new NeighbourEntry(NS, address, "r2", state.equals("REACHABLE") ? "82:61:9e:76:89:e7" : null, state, 4);
  }

  @Test
  void aNeighFailedDropAsksForTheNeighboursOnItsDevice() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, neighDrop("NEIGH_FAILED", TargetMatch.TARGET)).fire();
      assertThat(h.fired()).contains(ASK);
      assertThat(h.requests("neighbours")).singleElement().satisfies(r -> {
        assertThat(r.param("dst")).isEqualTo(DST);
        assertThat(r.param("dev")).isEqualTo("r2");
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aFailedEntryForTheDirectlyConnectedDestinationWithTheLinkUpIsDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, neighDrop("NEIGH_FAILED", TargetMatch.TARGET), DIRECT, entry(DST, "FAILED"), entry("198.18.2.9", "REACHABLE"), UP)
          .fire();
      assertThat(h.fired()).contains(PROVE);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("neighbour-unresolved");
        assertThat(d.bindings()).containsEntry("nextHop", DST).containsEntry("state", "FAILED").containsEntry("carrier", "yes")
            .containsEntry("hopKind", "direct").containsEntry("probes", "4");
        assertThat(RuleHarness.words(d)).contains("nobody answers").contains("neigh flush dev r2 to 198.18.2.1")
            .contains("-s neigh show dev r2 to 198.18.2.1");
      });
    }
  }

  @Test
  void anIncompleteGatewayOnALinkWithoutCarrierSaysTheLinkIsDown() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, neighDrop("NEIGH_QUEUEFULL", TargetMatch.TARGET), new NextHop(NS, DST, "198.18.2.254", "r2", true),
          entry("198.18.2.254", "INCOMPLETE"), new LinkState(NS, "r2", "LOWERLAYERDOWN", List.of("NO-CARRIER", "BROADCAST", "MULTICAST", "UP")))
          .fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("carrier", "no").containsEntry("hopKind", "gateway").containsEntry("reason", "NEIGH_QUEUEFULL");
        assertThat(RuleHarness.words(d)).contains("the gateway 198.18.2.254").contains("not carrying traffic").contains("link set r2 up");
      });
    }
  }

  @Test
  void nearMissTheNextHopResolvedWhenLookedAt() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, neighDrop("NEIGH_FAILED", TargetMatch.TARGET), DIRECT, entry(DST, "REACHABLE"), UP).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAFailedEntryForAnotherAddressIsNotTheNextHop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, neighDrop("NEIGH_FAILED", TargetMatch.TARGET), new NextHop(NS, DST, "198.18.2.254", "r2", true),
          entry(DST, "FAILED"), UP).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheRouteNowUsesAnotherDeviceThanTheDrops() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, neighDrop("NEIGH_FAILED", TargetMatch.TARGET), new NextHop(NS, DST, DST, "r3", false),
          new NeighbourEntry(NS, DST, "r3", null, "FAILED", 3), new LinkState(NS, "r3", "UP", List.of("UP", "LOWER_UP"))).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesNeighFailedAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, neighDrop("NEIGH_FAILED", TargetMatch.OTHER), DIRECT, entry(DST, "FAILED"), UP).fire();
      assertThat(h.requests("neighbours")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
