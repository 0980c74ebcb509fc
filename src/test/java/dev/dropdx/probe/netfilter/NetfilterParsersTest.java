package dev.dropdx.probe.netfilter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.NetfilterRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetfilterParsersTest {

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded/" + name));
  }

  @Test
  void iptablesSaveGivesRulesWithPositionsCountersAndPortsAndBuiltinPolicies() throws Exception {
    List<NetfilterRule> r = IptablesSaveParser.parse("ns1", "ip", recorded("iptables-save-netfilter-drop.txt"));
    NetfilterRule drop = r.stream().filter(x -> !x.policy() && x.chain().equals("INPUT")).findFirst().orElseThrow();
    assertThat(drop.table()).isEqualTo("filter");
    assertThat(drop.hook()).isEqualTo("input");
    assertThat(drop.handle()).isEqualTo(1);
    assertThat(drop.text()).isEqualTo("-p udp -m udp --dport 5062 -j DROP");
    assertThat(drop.verdict()).isEqualTo("DROP");
    assertThat(drop.protocol()).isEqualTo("udp");
    assertThat(drop.dport()).isEqualTo("5062");
    assertThat(drop.packets()).isZero();
    assertThat(drop.mayMatchPort(5062)).isTrue();
    assertThat(drop.mayMatchPort(5063)).isFalse();
    assertThat(drop.mayMatchProtocol(17)).isTrue();
    assertThat(drop.mayMatchProtocol(6)).isFalse();
    NetfilterRule web = r.stream().filter(x -> !x.policy() && x.chain().equals("INPUT") && x.handle() == 2).findFirst().orElseThrow();
    assertThat(web.dport()).isEqualTo("80 443");
    assertThat(web.mayMatchPort(443)).isTrue();
    assertThat(web.verdict()).isEqualTo("ACCEPT");
    assertThat(r).filteredOn(NetfilterRule::policy).extracting(NetfilterRule::chain, NetfilterRule::verdict)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("INPUT", "ACCEPT"), org.assertj.core.groups.Tuple.tuple("FORWARD", "DROP"),
            org.assertj.core.groups.Tuple.tuple("OUTPUT", "ACCEPT"));
    assertThat(r).filteredOn(x -> x.chain().equals("LOGDROP")).singleElement().satisfies(x -> {
      assertThat(x.hook()).isNull();
      assertThat(x.dport()).isNull();
      assertThat(x.mayMatchPort(1)).isTrue();
    });
  }

  @Test
  void iptablesCountersAreRead() {
    List<NetfilterRule> r = IptablesSaveParser.parse("", "ip", "*filter\n:INPUT ACCEPT [5:300]\n[39:3588] -A INPUT -p udp -m udp --dport 5062 -j DROP\nCOMMIT\n");
    assertThat(r.get(1).packets()).isEqualTo(39);
    assertThat(r.get(1).bytes()).isEqualTo(3588);
    assertThat(r.get(1).describe()).contains("rule 1 \"-p udp -m udp --dport 5062 -j DROP\"").contains("39 packet(s)");
  }

  @Test
  void nftRulesetGivesBaseChainsHandlesCountersVerdictsAndSkipsSets() throws Exception {
    List<NetfilterRule> r = NftRulesetParser.parse("ns1", recorded("nft-ruleset-netfilter-drop.txt"));
    assertThat(r).extracting(NetfilterRule::family).containsOnly("ip", "inet");
    NetfilterRule drop = r.stream().filter(x -> x.table().equals("filter") && x.handle() == 2).findFirst().orElseThrow();
    assertThat(drop.chain()).isEqualTo("INPUT");
    assertThat(drop.hook()).isEqualTo("input");
    assertThat(drop.text()).isEqualTo("udp dport 5062 counter packets 0 bytes 0 drop");
    assertThat(drop.verdict()).isEqualTo("DROP");
    assertThat(drop.dport()).isEqualTo("5062");
    assertThat(drop.packets()).isZero();
    NetfilterRule reject = r.stream().filter(x -> x.table().equals("mine") && x.handle() == 5).findFirst().orElseThrow();
    assertThat(reject.verdict()).isEqualTo("REJECT");
    assertThat(reject.packets()).isEqualTo(3);
    assertThat(reject.mayMatchPort(5062)).isTrue();
    assertThat(reject.mayMatchPort(54)).isFalse();
    NetfilterRule range = r.stream().filter(x -> x.table().equals("mine") && x.handle() == 6).findFirst().orElseThrow();
    assertThat(range.packets()).isEqualTo(-1);
    assertThat(range.mayMatchPort(1500)).isTrue();
    assertThat(range.mayMatchPort(2001)).isFalse();
    assertThat(r).filteredOn(x -> x.policy() && x.verdict().equals("DROP")).singleElement()
        .satisfies(x -> assertThat(x.chain()).isEqualTo("FORWARD"));
    // the set's elements are not rules
    assertThat(r).noneMatch(x -> x.text().contains("198.18.9.8"));
    assertThat(r).filteredOn(x -> x.chain().equals("LOGDROP")).singleElement().satisfies(x -> assertThat(x.hook()).isNull());
    assertThat(r).filteredOn(x -> !x.policy()).hasSize(6);
  }
}
