package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.inputRoute;
import static dev.dropdx.support.Facts.inputRouteFails;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.MulticastGroups;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class MulticastNotJoinedRulesTest {
  private static final String SRC = "198.18.5.1";
  private static final String GROUP = "224.0.0.5";
  private static final String IF = "mc-rx0";
  private static final String OTHER_IF = "mc-alt0";
  private static final String ASK_GROUPS = "multicast-not-joined: ask which groups the receiving interface has joined";
  private static final String ASK_FORWARDING = "multicast-not-joined: ask whether multicast forwarding could take a routable group";
  private static final String ASK_ROUTE = "multicast-not-joined: ask the kernel's own multicast input-route check";
  private static final String LINK_LOCAL = "multicast-not-joined: link-local group not joined on the receiving interface";
  private static final String ROUTABLE = "multicast-not-joined: routable group neither joined on the receiving interface nor forwarded";

  private static Drop mcDrop(TargetMatch match, String dst, int proto) {
    return drop("ip_rcv_finish_core", "NOT_SPECIFIED", match, IF, SRC, dst, proto);
  }

  private static Drop ospfDrop() {
    return mcDrop(TargetMatch.TARGET, GROUP, 89);
  }

  private static MulticastGroups groups(String iface, String... joined) {
    return new MulticastGroups(NS, iface, 2, List.of(joined), true);
  }

  @Test
  void anOspfDropToAGroupAsksFirstForTheGroupsOfTheReceivingInterface() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(ospfDrop()).fire();
      assertThat(h.requests("igmp")).singleElement().satisfies(r -> {
        assertThat(r.param("iface")).isEqualTo(IF);
        assertThat(r.param("netns")).isEqualTo(NS);
      });
      // Before the groups are known nothing else is asked: they decide whether the rest matters.
      assertThat(h.requests("route")).isEmpty();
      assertThat(h.requests("sysctl")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void groupNotJoinedHereThenAsksTheKernelsInputRouteCheckButNotForwardingForALinkLocalGroup() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(ospfDrop(), groups(IF, "224.0.0.1")).fire();
      assertThat(h.requests("igmp")).isEmpty();
      assertThat(h.requests("route")).singleElement().satisfies(r -> {
        assertThat(r.param("to")).isEqualTo(GROUP);
        assertThat(r.param("from")).isEqualTo(SRC);
        assertThat(r.param("iif")).isEqualTo(IF);
      });
      assertThat(h.fired()).doesNotContain(ASK_FORWARDING);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void linkLocalGroupJoinedOnlyOnAnotherInterfaceIsDiagnosedAndNamesBothInterfaces() {
    // The article's situation: 224.0.0.5 is in mc-alt0's list, not in the receiving interface's.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(ospfDrop(), groups(IF, "224.0.0.1"), groups(OTHER_IF, GROUP, "224.0.0.1"),
          inputRouteFails(GROUP, SRC, IF, "Invalid argument")).fire();
      assertThat(h.fired()).contains(LINK_LOCAL).doesNotContain(ROUTABLE);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(h.diagnoses()).hasSize(1);
      assertThat(d.cause()).isEqualTo("multicast-not-joined");
      assertThat(d.rank()).isEqualTo(1);
      assertThat(d.bindings()).containsEntry("iface", IF).containsEntry("group", GROUP)
          .containsEntry("protocol", "89").containsEntry("groupsHere", "224.0.0.1")
          .containsEntry("routeError", "Invalid argument");
      assertThat(RuleHarness.words(d)).contains("answers: Invalid argument)");
      assertThat(RuleHarness.words(d)).contains("joined on mc-alt0").contains("does not help mc-rx0");
      assertThat(RuleHarness.words(d)).contains("link-local");
      assertThat(d.evidence()).hasSize(3);
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void anotherGroupJoinedOnTheReceivingInterfaceDoesNotCount() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(ospfDrop(), groups(IF, "224.0.0.6", "224.0.0.1"), inputRouteFails(GROUP, SRC, IF, "Invalid argument")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("groupsHere", "224.0.0.6, 224.0.0.1");
        assertThat(RuleHarness.words(d)).contains("has joined 224.0.0.6, 224.0.0.1 (per /proc/net/igmp)");
        assertThat(RuleHarness.words(d)).contains("No other interface");
      });
    }
  }

  @Test
  void nearMissTheGroupIsJoinedOnTheReceivingInterfaceConcludesNothingAndAsksNoMore() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(ospfDrop(), groups(IF, GROUP, "224.0.0.1"), groups(OTHER_IF, GROUP)).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissTheKernelsOwnCheckAcceptsThePacketConcludesNothing() {
    // Joined between the drop and the probe, or accepted some other way (e.g. a VRF master): no proof.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(ospfDrop(), groups(IF, "224.0.0.1"), inputRoute(GROUP, SRC, IF)).fire();
      assertThat(h.fired()).doesNotContain(LINK_LOCAL, ROUTABLE);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnIgmpReportDroppedAtTheSamePlaceAsksNothing() {
    // Measured: IGMPv3 reports to 224.0.0.22 are freed at ip_rcv_finish_core, NOT_SPECIFIED, too.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(mcDrop(TargetMatch.UNFILTERED, "224.0.0.22", 2), groups(IF, "224.0.0.1"),
          inputRouteFails("224.0.0.22", SRC, IF, "Invalid argument")).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAUnicastDestinationDroppedAtTheSamePlaceAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(mcDrop(TargetMatch.TARGET, "198.18.5.2", 89), groups(IF, "224.0.0.1"),
          inputRouteFails("198.18.5.2", SRC, IF, "Invalid argument")).fire();
      assertThat(h.fired()).doesNotContain(ASK_GROUPS, ASK_ROUTE, LINK_LOCAL, ROUTABLE);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesMulticastDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(mcDrop(TargetMatch.OTHER, GROUP, 89), groups(IF, "224.0.0.1"), inputRouteFails(GROUP, SRC, IF, "Invalid argument")).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAJoinedGroupWithNoProtocolHandlerIsAnotherPlaceAndReason() {
    // Measured after the fix: with no OSPF socket the packets die at ip_local_deliver_finish, IP_NOPROTO.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_local_deliver_finish", "IP_NOPROTO", TargetMatch.TARGET, IF, SRC, GROUP, 89), groups(IF, "224.0.0.1")).fire();
      assertThat(h.requests("igmp")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void routableGroupAsksForForwardingAndIsDiagnosedOnlyWhenForwardingIsOff() {
    String group = "239.1.1.1";
    Drop d = mcDrop(TargetMatch.TARGET, group, 17);
    try (RuleHarness h = new RuleHarness()) {
      h.insert(d, groups(IF, "224.0.0.1")).fire();
      assertThat(h.requests("sysctl")).singleElement()
          .satisfies(r -> assertThat(r.param("keys")).isEqualTo("net.ipv4.conf.all.mc_forwarding net.ipv4.conf.mc-rx0.mc_forwarding"));
      h.insert(inputRouteFails(group, SRC, IF, "Invalid argument"), sysctl("net.ipv4.conf.all.mc_forwarding", "0"),
          sysctl("net.ipv4.conf.mc-rx0.mc_forwarding", "0")).fire();
      assertThat(h.fired()).contains(ROUTABLE).doesNotContain(LINK_LOCAL);
      assertThat(h.diagnoses()).singleElement().satisfies(x -> {
        assertThat(x.bindings()).containsEntry("group", group).containsEntry("protocol", "17");
        assertThat(RuleHarness.words(x)).startsWith("UDP packets to " + group);
        assertThat(RuleHarness.words(x)).contains("forwarding is off");
        assertThat(x.evidence()).hasSize(5);
      });
    }
  }

  @Test
  void nearMissRoutableGroupWithMulticastForwardingOnConcludesNothing() {
    String group = "239.1.1.1";
    try (RuleHarness h = new RuleHarness()) {
      h.insert(mcDrop(TargetMatch.TARGET, group, 17), groups(IF, "224.0.0.1"), inputRouteFails(group, SRC, IF, "Invalid argument"),
          sysctl("net.ipv4.conf.all.mc_forwarding", "1"), sysctl("net.ipv4.conf.mc-rx0.mc_forwarding", "1")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void anInterfaceWithNoIpv4MulticastStateAtAllCountsAsNotJoined() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(ospfDrop(), new MulticastGroups(NS, IF, -1, List.of(), false), inputRouteFails(GROUP, SRC, IF, "Invalid argument")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d)).contains("has joined no group at all"));
    }
  }
}
