package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.ConntrackStat;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.NetfilterRule;
import dev.dropdx.fact.NetfilterScan;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/**
 * conntrack-invalid (measured: kernel-evidence.md "conntrack-invalid", bare TCP ACKs to b:80) and
 * conntrack-table-full (recorded shape of the evidence, not measurable in a namespace).
 */
class ConntrackRulesTest {
  private static final String SRC = "198.18.1.1";
  private static final String DST = "198.18.2.1";
  private static final String INVALID = "conntrack-invalid: a ct-state-invalid drop rule counted them and conntrack counted invalid packets";
  private static final String FULL = "conntrack-table-full: no rule counted them, conntrack dropped for want of entries and the table is full";
  private static final Target TARGET = new Target(SRC, DST, 6, 80, null, NS);
  private static final NetfilterScan SCAN = new NetfilterScan(NS, "iptables-save nft", 2);

  private static Drop nfDrop(String function, TargetMatch match) {
    return drop(function, "NETFILTER_DROP", match, "b0", SRC, DST, 6);
  }

  private static NetfilterRule nft(String text, String verdict, long packets) {
    return new NetfilterRule(NS, "nftables", "inet", "f", "in", "input", false, 2, text, verdict, null, null, packets, packets * 40);
  }

  private static final NetfilterRule CT_INVALID = nft("ct state invalid counter packets 5 bytes 200 drop", "DROP", 5);

  @Test
  void aCountingInvalidStateRuleAsksForConntrackStatsAndTheTcpSysctls() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nft_do_chain", TargetMatch.TARGET), SCAN, CT_INVALID).fire();
      assertThat(h.requests("conntrack-stat")).singleElement().satisfies(r -> assertThat(r.param("netns")).isEqualTo(NS));
      assertThat(h.requests("sysctl")).singleElement()
          .satisfies(r -> assertThat(r.param("keys")).contains("nf_conntrack_tcp_loose").contains("nf_conntrack_tcp_be_liberal"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theInvalidRuleTheInvalidCounterAndStrictTcpProveConntrackInvalid() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nft_do_chain", TargetMatch.TARGET), SCAN, CT_INVALID, new ConntrackStat(NS, 2, 5, 0, 0, 0),
          sysctl("net.netfilter.nf_conntrack_tcp_loose", "0"), sysctl("net.netfilter.nf_conntrack_tcp_be_liberal", "0")).fire();
      assertThat(h.fired()).contains(INVALID).doesNotContain(FULL);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("conntrack-invalid");
        assertThat(d.bindings()).containsEntry("invalid", "5").containsEntry("tcpCase", "tcp-strict").containsEntry("handle", "2");
        assertThat(RuleHarness.words(d)).contains("sysctl -w net.netfilter.nf_conntrack_tcp_loose=1")
            .contains("nft insert rule inet f in ip saddr 198.18.1.1 ip daddr 198.18.2.1 accept").contains("nft -a list chain inet f in");
      });
    }
  }

  @Test
  void anIptablesNftInvalidRuleIsNamedOnceByItsIptablesView() {
    NetfilterRule ipt = new NetfilterRule(NS, "iptables", "ip", "filter", "INPUT", "input", false, 1,
        "-m conntrack --ctstate INVALID -j DROP", "DROP", null, null, 7, 280);
    NetfilterRule same = new NetfilterRule(NS, "nftables", "ip", "filter", "INPUT", "input", false, 4,
        "ct state invalid counter packets 7 bytes 280 drop", "DROP", null, null, 7, 280);
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nft_do_chain", TargetMatch.TARGET), SCAN, ipt, same, new ConntrackStat(NS, 2, 9, 0, 0, 0),
          sysctl("net.netfilter.nf_conntrack_tcp_loose", "1"), sysctl("net.netfilter.nf_conntrack_tcp_be_liberal", "0")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("form", "iptables").containsEntry("tcpCase", "tcp-loose");
        assertThat(RuleHarness.words(d)).contains("iptables -t filter -I INPUT -s 198.18.1.1 -d 198.18.2.1 -j ACCEPT")
            .contains("nf_conntrack_tcp_be_liberal=1");
      });
    }
  }

  @Test
  void nearMissTheInvalidRuleCountedNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nft_do_chain", TargetMatch.TARGET), SCAN, nft("ct state invalid counter packets 0 bytes 0 drop", "DROP", 0),
          new ConntrackStat(NS, 2, 5, 0, 0, 0), sysctl("net.netfilter.nf_conntrack_tcp_loose", "0"),
          sysctl("net.netfilter.nf_conntrack_tcp_be_liberal", "0")).fire();
      assertThat(h.requests("conntrack-stat")).isEmpty();
      assertThat(h.fired()).doesNotContain(INVALID);
      assertThat(h.diagnoses()).filteredOn(d -> d.cause().equals("conntrack-invalid")).isEmpty();
    }
  }

  @Test
  void nearMissConntrackCountedNoInvalidPacket() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nft_do_chain", TargetMatch.TARGET), SCAN, CT_INVALID, new ConntrackStat(NS, 2, 0, 0, 0, 0),
          sysctl("net.netfilter.nf_conntrack_tcp_loose", "0"), sysctl("net.netfilter.nf_conntrack_tcp_be_liberal", "0")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnAcceptRuleForInvalidPacketsIsNoCulprit() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nft_do_chain", TargetMatch.TARGET), SCAN, nft("ct state invalid counter packets 5 bytes 200 accept", "ACCEPT", 5),
          new ConntrackStat(NS, 2, 5, 0, 0, 0), sysctl("net.netfilter.nf_conntrack_tcp_loose", "0"),
          sysctl("net.netfilter.nf_conntrack_tcp_be_liberal", "0")).fire();
      assertThat(h.fired()).doesNotContain(INVALID);
    }
  }

  // conntrack-table-full

  private static final ConntrackStat FULL_STATS = new ConntrackStat(NS, 2, 0, 1873, 40211, 0);

  @Test
  void aNetfilterDropNoRuleCountedAsksForTheTableFillAndConntrackCounters() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nf_hook_slow", TargetMatch.TARGET), SCAN, nft("tcp dport 22 counter packets 0 bytes 0 drop", "DROP", 0)).fire();
      assertThat(h.requests("sysctl")).singleElement()
          .satisfies(r -> assertThat(r.param("keys")).isEqualTo("net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max"));
      assertThat(h.requests("conntrack-stat")).hasSize(1);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void conntrackDropsWithAFullTableAndNoCountingRuleProveTableFull() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nf_hook_slow", TargetMatch.TARGET), SCAN, FULL_STATS, sysctl("net.netfilter.nf_conntrack_count", "262144"),
          sysctl("net.netfilter.nf_conntrack_max", "262144")).fire();
      assertThat(h.fired()).contains(FULL).doesNotContain(INVALID);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("conntrack-table-full");
        assertThat(d.bindings()).containsEntry("ctDrop", "1873").containsEntry("entries", "262144").containsEntry("doubleMax", "524288");
        assertThat(RuleHarness.words(d)).contains("sysctl -w net.netfilter.nf_conntrack_max=524288").contains("table full");
      });
    }
  }

  @Test
  void nearMissTheTableHasDrainedWhenRead() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nf_hook_slow", TargetMatch.TARGET), SCAN, FULL_STATS, sysctl("net.netfilter.nf_conntrack_count", "1200"),
          sysctl("net.netfilter.nf_conntrack_max", "262144")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAFullTableButConntrackDroppedNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nf_hook_slow", TargetMatch.TARGET), SCAN, new ConntrackStat(NS, 2, 0, 0, 0, 0),
          sysctl("net.netfilter.nf_conntrack_count", "262144"), sysctl("net.netfilter.nf_conntrack_max", "262144")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissADropRuleThatCountedIsTheAnswerNotTheTable() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, nfDrop("nf_hook_slow", TargetMatch.TARGET), SCAN, nft("tcp dport 80 counter packets 9 bytes 360 drop", "DROP", 9),
          FULL_STATS, sysctl("net.netfilter.nf_conntrack_count", "262144"), sysctl("net.netfilter.nf_conntrack_max", "262144")).fire();
      assertThat(h.fired()).doesNotContain(FULL);
      assertThat(h.diagnoses()).extracting(d -> d.cause()).containsExactly("netfilter-drop");
    }
  }
}
