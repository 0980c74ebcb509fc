package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Ipv6MulticastGroups;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.probe.procfs.Igmp6Parser;
import dev.dropdx.support.RuleHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * multicast-not-joined, IPv6 twin (OSPFv3 hellos to ff02::5): NOT_SPECIFIED at ip6_mc_input, proven by the receiving
 * interface's list in /proc/net/igmp6 (the measured file, parsed by the probe's parser).
 */
class MulticastNotJoinedIpv6RulesTest {
  private static final String SRC = "fe80::f418:feff:fe84:a9e7";
  private static final String GROUP = "ff02::5";
  private static final String PROVEN = "multicast-not-joined: IPv6 group not joined on the receiving interface";

  private static Drop hello(String iface, int proto, TargetMatch match) {
    return drop("ip6_mc_input", "NOT_SPECIFIED", match, iface, SRC, GROUP, proto);
  }

  private static List<Ipv6MulticastGroups> measured() throws Exception {
    return Igmp6Parser.parse(NS, Files.readString(Path.of("src/test/resources/recorded/igmp6.txt")));
  }

  @Test
  void anOspfv3HelloDroppedAtIp6McInputAsksForTheIpv6Groups() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(hello("mc-rx0", 89, TargetMatch.TARGET)).fire();
      assertThat(h.requests("igmp6")).singleElement().satisfies(r -> assertThat(r.param("iface")).isEqualTo("mc-rx0"));
      assertThat(h.requests("igmp")).isEmpty();
      assertThat(h.requests("route")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theGroupJoinedOnlyOnAnotherInterfaceIsDiagnosedInOspfv3Words() throws Exception {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(hello("mc-rx0", 89, TargetMatch.TARGET)).insert(measured().toArray()).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("multicast-not-joined");
      assertThat(d.bindings()).containsEntry("family", "ipv6").containsEntry("joinedOn", "mc-alt0").containsEntry("scope", "link-local");
      assertThat(RuleHarness.words(d)).contains("OSPFv3 (IPv6 next header 89) packets to ff02::5 dropped: mc-rx0 has not joined the group")
          .contains("ff02::5 is joined on mc-alt0").contains("per /proc/net/igmp6").contains("ip6_mc_input with reason NOT_SPECIFIED")
          .contains("ipv6 ospf6 area").contains("IPV6_JOIN_GROUP").contains("-6 maddr show dev mc-rx0")
          .doesNotContain("/proc/net/igmp ").doesNotContain("IP_ADD_MEMBERSHIP").doesNotContain("network <SUBNET");
    }
  }

  @Test
  void aRoutableGroupNotJoinedAnywhereIsToldAsNotForwardedEither() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip6_mc_input", "NOT_SPECIFIED", TargetMatch.TARGET, "mc-rx0", "2001:db8:70::1", "ff05::1:3", 17),
          new Ipv6MulticastGroups(NS, "mc-rx0", 2, List.of("ff02::1"), true)).fire();
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("scope", "routable").containsEntry("joinedOn", "");
      assertThat(RuleHarness.words(d)).contains("UDP packets to ff05::1:3").contains("No other interface").contains("ip6mr");
    }
  }

  @Test
  void nearMissTheReceivingInterfaceHasJoined() throws Exception {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(hello("mc-alt0", 89, TargetMatch.TARGET)).insert(measured().toArray()).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissIcmpv6NoiseAndSomeoneElsesPacketsAreNotAskedAbout() throws Exception {
    try (RuleHarness h = new RuleHarness()) {
      // measured noise: MLDv2 reports to ff02::16 and router solicitations, same place and reason
      h.insert(drop("ip6_mc_input", "NOT_SPECIFIED", TargetMatch.UNFILTERED, "mc-rx0", SRC, "ff02::16", 58),
          drop("ip6_mc_input", "NOT_SPECIFIED", TargetMatch.UNFILTERED, "mc-rx0", SRC, "ff02::2", 0)).insert(measured().toArray()).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("igmp6")).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(hello("mc-rx0", 89, TargetMatch.OTHER)).insert(measured().toArray()).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("igmp6")).isEmpty();
    }
  }

  @Test
  void nearMissAUnicastOrIpv4DropAtAnotherPlace() throws Exception {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip6_mc_input", "NOT_SPECIFIED", TargetMatch.TARGET, "mc-rx0", SRC, "2001:db8:70::2", 89)).insert(measured().toArray())
          .fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip6_rcv_core", "NOT_SPECIFIED", TargetMatch.TARGET, "mc-rx0", SRC, GROUP, 89)).insert(measured().toArray()).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("igmp6")).isEmpty();
    }
  }
}
