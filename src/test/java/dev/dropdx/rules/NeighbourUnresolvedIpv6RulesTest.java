package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.LinkState;
import dev.dropdx.fact.NeighbourEntry;
import dev.dropdx.fact.NextHop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.probe.iproute.NeighbourParser;
import dev.dropdx.support.RuleHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * neighbour-unresolved, IPv6 twin: the queued packets die at neigh_invalidate with NOT_SPECIFIED (ndisc_error_report,
 * measured live), and the facts come from the probe's parsers reading what `ip` printed in the measured case
 * (kernel-evidence.md "IPv6 twins": router r, egress r2, nobody owns 2001:db8:2::1).
 */
class NeighbourUnresolvedIpv6RulesTest {
  private static final String SRC = "2001:db8:1::1";
  private static final String DST = "2001:db8:2::1";
  private static final String PROVE = "neighbour-unresolved: the IPv6 next hop's neighbour entry is FAILED or INCOMPLETE";
  private static final String ROUTE = "2001:db8:2::1 from :: dev r2 proto kernel src 2001:db8:2::2 metric 256 pref medium\n";
  private static final String LINK = "r2@if2           UP             d6:c7:2c:31:df:85 <BROADCAST,MULTICAST,UP,LOWER_UP> \n";

  private static Drop failed(TargetMatch match) {
    return drop("neigh_invalidate", "NOT_SPECIFIED", match, "r2", SRC, DST, 58);
  }

  private static NextHop hop() {
    return NeighbourParser.nextHop(NS, DST, ROUTE).orElseThrow();
  }

  private static List<NeighbourEntry> entries(String output) {
    return NeighbourParser.neighbours(NS, "r2", output);
  }

  private static LinkState link() {
    return NeighbourParser.links(NS, LINK).get(0);
  }

  @Test
  void theMeasuredIpv6OutputParsesIntoADirectHopAFailedEntryAndALinkWithCarrier() {
    assertThat(hop()).isEqualTo(new NextHop(NS, DST, DST, "r2", false));
    assertThat(entries("2001:db8:2::1  used 1/62/1probes 4 FAILED \n")).singleElement().satisfies(e -> {
      assertThat(e.address()).isEqualTo(DST);
      assertThat(e.unresolved()).isTrue();
      assertThat(e.probes()).isEqualTo(4);
    });
    assertThat(link().carrying()).isTrue();
  }

  @Test
  void aNeighFailedIpv6DropIsAskedAboutAndDiagnosedInNeighbourDiscoveryWords() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(failed(TargetMatch.TARGET)).fire();
      assertThat(h.requests("neighbours")).singleElement().satisfies(r -> assertThat(r.param("dst")).isEqualTo(DST));
      h.insert(hop(), link()).insert(entries("2001:db8:2::1  used 1/62/1probes 4 FAILED \n").toArray()).fire();
      assertThat(h.fired()).contains(PROVE);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("family", "ipv6").containsEntry("nextHop", DST).containsEntry("hopKind", "direct");
      assertThat(RuleHarness.words(d)).contains("does not answer neighbour discovery").contains("Neighbor Solicitations")
          .contains("solicited-node").contains("nstat -saz Icmp6OutNeighborSolicits").contains("ndisc_error_report").contains("neigh flush dev r2 to 2001:db8:2::1")
          .doesNotContain("with ARP").doesNotContain("answer ARP");
    }
  }

  @Test
  void theIpv4WordsStayArp() {
    try (RuleHarness h = new RuleHarness()) {
      String v4 = "198.18.2.1";
      h.insert(drop("neigh_invalidate", "NEIGH_FAILED", TargetMatch.TARGET, "r2", "198.18.1.1", v4, 1),
          new NextHop(NS, v4, v4, "r2", false), new NeighbourEntry(NS, v4, "r2", null, "FAILED", 3), link()).fire();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("family", "ipv4");
      assertThat(RuleHarness.words(d)).contains("does not answer ARP").contains("arp_cache").doesNotContain("Solicitation");
    }
  }

  @Test
  void nearMissTheEntryResolvedOrTheDropsAreSomeoneElses() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(failed(TargetMatch.TARGET), hop(), link()).insert(entries("2001:db8:2::1 lladdr 62:f9:0c:a0:aa:01 REACHABLE \n").toArray()).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(failed(TargetMatch.OTHER), hop(), link()).insert(entries("2001:db8:2::1  used 1/62/1probes 4 FAILED \n").toArray()).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("neighbours")).isEmpty();
    }
  }

  @Test
  void aNeighQueuefullIpv6DropGoesTheIpv4RulesWayButInIpv6Words() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("__neigh_event_send", "NEIGH_QUEUEFULL", TargetMatch.TARGET, "r2", SRC, DST, 58), hop(), link())
          .insert(entries("2001:db8:2::1  used 1/62/1probes 4 INCOMPLETE \n").toArray()).fire();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.rule()).isEqualTo("neighbour-unresolved: the next hop's neighbour entry is FAILED or INCOMPLETE");
      assertThat(RuleHarness.words(d)).contains("NEIGH_QUEUEFULL").contains("neighbour discovery");
    }
  }

  @Test
  void nearMissNotSpecifiedElsewhereOrForAnIpv4Destination() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("neigh_invalidate", "NOT_SPECIFIED", TargetMatch.TARGET, "r2", "198.18.1.1", "198.18.2.1", 1),
          drop("ip6_mc_input", "NOT_SPECIFIED", TargetMatch.TARGET, "r2", SRC, DST, 58)).fire();
      assertThat(h.requests("neighbours")).isEmpty();
      assertThat(h.fired()).noneMatch(r -> r.startsWith("neighbour-unresolved"));
    }
  }
}
