package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.NetfilterRule;
import dev.dropdx.fact.NetfilterScan;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class NetfilterDropRulesTest {
  private static final String SRC = "198.18.62.1";
  private static final String DST = "198.18.62.2";
  private static final String IPT = "netfilter-drop: an iptables rule drops them and its counter shows it";
  private static final String NFT = "netfilter-drop: an nftables rule drops them and its counter shows it";
  private static final String POLICY = "netfilter-drop: no dropping rule counted them, but an iptables chain policy DROP did";
  private static final Target TARGET = new Target(null, DST, 17, 5062, null, NS);

  private static Drop nfDrop(TargetMatch match) {
    return drop("nft_do_chain", "NETFILTER_DROP", match, "nf-rx0", SRC, DST, 17);
  }

  private static NetfilterRule ipt(int position, String spec, String verdict, String dport, long packets) {
    return new NetfilterRule(NS, "iptables", "ip", "filter", "INPUT", "input", false, position, spec, verdict, "udp", dport, packets,
        packets * 92);
  }

  private static NetfilterRule nft(String table, int handle, String text, String verdict, String dport, long packets) {
    return new NetfilterRule(NS, "nftables", table.equals("filter") ? "ip" : "inet", table, table.equals("filter") ? "INPUT" : "in",
        "input", false, handle, text, verdict, "udp", dport, packets, packets < 0 ? -1 : packets * 92);
  }

  private static NetfilterRule iptPolicy(String verdict, long packets) {
    return new NetfilterRule(NS, "iptables", "ip", "filter", "INPUT", "input", true, 0, "policy " + verdict, verdict, null, null,
        packets, packets * 92);
  }

  private static final NetfilterRule IPT_DROP = ipt(1, "-p udp -m udp --dport 5062 -j DROP", "DROP", "5062", 39);
  private static final NetfilterRule NFT_SAME = nft("filter", 2, "udp dport 5062 counter packets 39 bytes 3588 drop", "DROP", "5062", 39);

  @Test
  void aNetfilterDropAsksForTheRuleset() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("netfilter")).singleElement().satisfies(r -> assertThat(r.param("netns")).isEqualTo(NS));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void anIptablesDropRuleWithCountsIsDiagnosedWithTheIptablesDeleteCommandNotTheNftOne() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save nft", 8), IPT_DROP, NFT_SAME,
          iptPolicy("ACCEPT", 0)).fire();
      assertThat(h.fired()).contains(IPT).doesNotContain(NFT, POLICY);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("netfilter-drop");
      assertThat(d.bindings()).containsEntry("table", "filter").containsEntry("chain", "INPUT").containsEntry("packets", "39")
          .containsEntry("form", "iptables-rule");
      assertThat(RuleHarness.words(d)).contains("iptables -t filter -D INPUT -p udp -m udp --dport 5062 -j DROP")
          .contains("iptables -t filter -L INPUT -v -n -x --line-numbers").doesNotContain("nft delete");
      assertThat(d.evidence()).hasSize(3);
    }
  }

  @Test
  void aPureNftablesRuleIsDiagnosedWithNftDeleteByHandle() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save nft", 2),
          nft("mine", 5, "udp dport { 53, 5062 } counter packets 3 bytes 87 reject with icmp port-unreachable", "REJECT", "{ 53, 5062 }", 3))
          .fire();
      assertThat(h.fired()).contains(NFT);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("verdict", "REJECT");
        assertThat(RuleHarness.words(d)).contains("nft delete rule inet mine in handle 5");
      });
    }
  }

  @Test
  void whenSeveralRulesCouldMatchTheBusiestIsNamed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save", 2), IPT_DROP,
          ipt(2, "-p udp -j DROP", "DROP", null, 2)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(d.bindings()).containsEntry("handle", "1"));
    }
  }

  @Test
  void aDropPolicyThatCountedIsTheAnswerWhenNoRuleDid() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save", 2), iptPolicy("DROP", 25),
          ipt(1, "-p udp -m udp --dport 5062 -j DROP", "DROP", "5062", 0)).fire();
      assertThat(h.fired()).contains(POLICY).doesNotContain(IPT);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.rank()).isEqualTo(2);
        assertThat(RuleHarness.words(d)).contains("iptables -t filter -P INPUT ACCEPT");
      });
    }
  }

  @Test
  void nearMissTheDropRuleExistsButCountedNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save nft", 3),
          ipt(1, "-p udp -m udp --dport 5062 -j DROP", "DROP", "5062", 0), iptPolicy("ACCEPT", 10)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissOnlyADropRuleForAnotherPortCounted() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save", 1),
          ipt(1, "-p udp -m udp --dport 9999 -j DROP", "DROP", "9999", 50)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissOnlyATcpDropRuleCountedForUdpPackets() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save", 1),
          new NetfilterRule(NS, "iptables", "ip", "filter", "INPUT", "input", false, 1, "-p tcp -j DROP", "DROP", "tcp", null, 50, 5000))
          .fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnAcceptRuleWithCountsIsNoCulprit() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "iptables-save", 1),
          ipt(1, "-p udp -m udp --dport 5062 -j ACCEPT", "ACCEPT", "5062", 50)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesNetfilterDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.OTHER), new NetfilterScan(NS, "iptables-save", 1), IPT_DROP).fire();
      assertThat(h.requests("netfilter")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  // kernel-evidence netfilter-backends: iptables-legacy -A FORWARD -d 198.18.2.1 -j DROP, ping through r
  private static final Target FWD_TARGET = new Target(null, "198.18.2.1", 1, null, null, NS);

  private static Drop legacyDrop() {
    return drop("nf_hook_slow", "NETFILTER_DROP", TargetMatch.TARGET, "r1", "198.18.1.1", "198.18.2.1", 1);
  }

  private static NetfilterRule legacy(String spec, boolean policy, String verdict, long packets) {
    return new NetfilterRule(NS, "iptables-legacy", "ip", "filter", "FORWARD", "forward", policy, policy ? 0 : 1, spec, verdict, null,
        null, packets, packets * 84);
  }

  @Test
  void aLegacyIptablesRuleIsDiagnosedWithIptablesLegacyCommands() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FWD_TARGET, legacyDrop(), new NetfilterScan(NS, "iptables-save iptables-legacy-save nft", 4),
          legacy("-d 198.18.2.1/32 -j DROP", false, "DROP", 3), legacy("policy ACCEPT", true, "ACCEPT", 0)).fire();
      assertThat(h.fired()).contains(IPT).doesNotContain(NFT, POLICY);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("source", "iptables-legacy").containsEntry("tool", "iptables-legacy")
            .containsEntry("chain", "FORWARD").containsEntry("packets", "3").containsEntry("function", "nf_hook_slow");
        assertThat(RuleHarness.words(d)).contains("iptables-legacy -t filter -D FORWARD -d 198.18.2.1/32 -j DROP")
            .contains("iptables-legacy -t filter -L FORWARD -v -n -x --line-numbers").contains("legacy iptables tables")
            .doesNotContain("nft delete");
      });
    }
  }

  @Test
  void aLegacyDropPolicyThatCountedIsTheAnswerWhenNoRuleDid() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FWD_TARGET, legacyDrop(), new NetfilterScan(NS, "iptables-save iptables-legacy-save", 3),
          legacy("policy DROP", true, "DROP", 3)).fire();
      assertThat(h.fired()).contains(POLICY);
      assertThat(h.diagnoses()).singleElement()
          .satisfies(d -> assertThat(RuleHarness.words(d)).contains("iptables-legacy -t filter -P FORWARD ACCEPT"));
    }
  }

  @Test
  void nearMissALegacyRuleForAnotherAddressThatCountedNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(FWD_TARGET, legacyDrop(), new NetfilterScan(NS, "iptables-save iptables-legacy-save nft", 5),
          legacy("-d 198.18.2.99/32 -j DROP", false, "DROP", 0), legacy("policy ACCEPT", true, "ACCEPT", 6)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aCtStateInvalidDropRuleIsLeftToConntrackInvalid() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "nft", 2),
          nft("f", 3, "ct state invalid counter packets 5 bytes 200 drop", "DROP", null, 5)).fire();
      assertThat(h.fired()).doesNotContain(IPT, NFT, POLICY);
      assertThat(h.diagnoses()).filteredOn(d -> d.cause().equals("netfilter-drop")).isEmpty();
    }
  }

  // IPv6 (labs netfilter-drop-v6, netfilter-drop-nft-v6): the same reason and location, rules of ip6tables and inet tables.
  private static final String SRC6 = "2001:db8:67::1";
  private static final String DST6 = "2001:db8:67::2";
  private static final Target TARGET6 = new Target(SRC6, DST6, 17, 5067, null, NS);

  private static Drop nfDrop6() {
    return drop("nft_do_chain", "NETFILTER_DROP", TargetMatch.TARGET, "nf6-rx0", SRC6, DST6, 17);
  }

  private static NetfilterRule ip6t(String spec, long packets) {
    return new NetfilterRule(NS, "ip6tables", "ip6", "filter", "INPUT", "input", false, 1, spec, "DROP", "udp", "5067", packets, packets * 92);
  }

  private static NetfilterRule nft6(String family, String table, String chain, int handle, long packets) {
    return new NetfilterRule(NS, "nftables", family, table, chain, "input", false, handle, "udp dport 5067 counter packets " + packets + " drop",
        "DROP", "udp", "5067", packets, packets * 92);
  }

  @Test
  void anIp6tablesRuleIsDiagnosedWithIp6tablesCommandsNotTheNftViewOfItsTable() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET6, nfDrop6(), new NetfilterScan(NS, "iptables-save ip6tables-save nft", 3), ip6t("-p udp -m udp --dport 5067 -j DROP", 30),
          nft6("ip6", "filter", "INPUT", 2, 30)).fire();
      assertThat(h.fired()).contains(IPT).doesNotContain(NFT, POLICY);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.bindings()).containsEntry("tool", "ip6tables").containsEntry("family", "ip6").containsEntry("addrKeyword", "ip6");
      assertThat(RuleHarness.words(d)).contains("ip6tables -t filter -D INPUT -p udp -m udp --dport 5067 -j DROP")
          .contains("ip6tables rules see only IPv6 packets").contains("rules.v6").doesNotContain("nft delete");
    }
  }

  @Test
  void anInetTableRuleDropsIpv6AndIsDeletedByItsHandle() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET6, nfDrop6(), new NetfilterScan(NS, "nft", 1), nft6("inet", "t", "in", 4, 25)).fire();
      assertThat(h.fired()).contains(NFT);
      assertThat(RuleHarness.words(h.diagnoses().get(0))).contains("nft delete rule inet t in handle 4").contains("(inet)");
    }
  }

  @Test
  void nearMissAnIpv4RuleWithCountsNeverExplainsAnIpv6Drop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET6, nfDrop6(), new NetfilterScan(NS, "iptables-save nft", 2),
          ipt(1, "-p udp -m udp --dport 5067 -j DROP", "DROP", "5067", 39), nft6("ip", "filter", "INPUT", 2, 39)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnIp6tablesRuleNeverExplainsAnIpv4Drop() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop(TargetMatch.TARGET), new NetfilterScan(NS, "ip6tables-save", 1), new NetfilterRule(NS, "ip6tables", "ip6", "filter", "INPUT", "input", false, 1,
          "-p udp -m udp --dport 5062 -j DROP", "DROP", "udp", "5062", 30, 2760)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
