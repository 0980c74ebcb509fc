package dev.dropdx.probe.netfilter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.NetfilterRule;
import dev.dropdx.fact.NetfilterScan;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays the recorded outputs of a namespace whose drop rule lives in legacy iptables tables. */
class NetfilterProbeLegacyTest {
  // what iptables-nft-save printed (exit 0) beside a legacy FORWARD rule, kernel-evidence netfilter-backends
  private static final String WARNING = "# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n";

  private static ProbeOutcome replay(String raw) {
    return new NetfilterProbe(null).interpret(ProbeRequest.of("netfilter", 50, "test", "why", "netns", "r"), raw,
        new ProbeContext(null, null, 3, line -> { }));
  }

  private static String section(List<String> command, int exit, String stdout) {
    return RawCommand.encode(new CommandResult(command, exit, stdout, "", false));
  }

  @Test
  void legacyRulesAreReadFromIptablesLegacySaveWithTheirCounters() throws Exception {
    String legacy = Files.readString(Path.of("src/test/resources/recorded/iptables-legacy-save-forward-drop.txt"));
    String raw = RecordedSections.writer()
        .section("iptables-save -c", section(List.of("iptables-save", "-c"), 0, WARNING))
        .section("iptables-legacy-save -c", section(List.of("iptables-legacy-save", "-c"), 0, legacy))
        .section("nft -a list ruleset", section(List.of("nft", "-a", "list", "ruleset"), 0, "")).toString();
    ProbeOutcome o = replay(raw);
    assertThat(o.facts()).filteredOn(NetfilterRule.class::isInstance).map(NetfilterRule.class::cast)
        .filteredOn(r -> !r.policy()).singleElement().satisfies(r -> {
          assertThat(r.source()).isEqualTo("iptables-legacy");
          assertThat(r.chain()).isEqualTo("FORWARD");
          assertThat(r.hook()).isEqualTo("forward");
          assertThat(r.text()).isEqualTo("-d 198.18.2.1/32 -j DROP");
          assertThat(r.packets()).isEqualTo(3);
          assertThat(r.bytes()).isEqualTo(252);
        });
    assertThat(o.facts()).filteredOn(NetfilterScan.class::isInstance).singleElement()
        .satisfies(s -> assertThat(((NetfilterScan) s).tools()).isEqualTo("iptables-save iptables-legacy-save nft"));
    assertThat(o.summary()).contains("iptables-legacy table filter, chain FORWARD: rule 1");
  }

  @Test
  void withoutLegacyTablesOnlyTheIptablesViewIsRead() {
    String raw = RecordedSections.writer()
        .section("iptables-save -c", section(List.of("iptables-save", "-c"), 0,
            "*filter\n:INPUT ACCEPT [0:0]\n[39:3588] -A INPUT -p udp -m udp --dport 5062 -j DROP\nCOMMIT\n")).toString();
    ProbeOutcome o = replay(raw);
    assertThat(o.facts()).filteredOn(NetfilterRule.class::isInstance).map(NetfilterRule.class::cast)
        .extracting(NetfilterRule::source).containsOnly("iptables");
  }

  @Test
  void aFailedLegacyReadIsANoteNotSilence() {
    String raw = RecordedSections.writer()
        .section("iptables-save -c", section(List.of("iptables-save", "-c"), 0, WARNING))
        .section("iptables-legacy-save -c", RawCommand.encode(new CommandResult(List.of("iptables-legacy-save", "-c"), 127, "",
            "iptables-legacy-save: not found", false))).toString();
    assertThat(replay(raw).notes()).singleElement().asString().contains("iptables-legacy-save failed");
  }

  @Test
  void invalidStateRulesAreRecognisedInBothFrontEnds() {
    assertThat(rule("ct state invalid counter packets 5 bytes 200 drop").matchesInvalidState()).isTrue();
    assertThat(rule("ct state { invalid, new } drop").matchesInvalidState()).isTrue();
    assertThat(rule("-m conntrack --ctstate INVALID -j DROP").matchesInvalidState()).isTrue();
    assertThat(rule("-m state --state NEW,INVALID -j DROP").matchesInvalidState()).isTrue();
    assertThat(rule("ct state new,invalid drop").matchesInvalidState()).isTrue();
    assertThat(rule("ct state established,related accept").matchesInvalidState()).isFalse();
    assertThat(rule("-m conntrack ! --ctstate INVALID -j DROP").matchesInvalidState()).isFalse();
    assertThat(rule("-d 198.18.2.1/32 -j DROP").matchesInvalidState()).isFalse();
  }

  private static NetfilterRule rule(String text) {
    return new NetfilterRule("r", "nftables", "inet", "f", "in", "input", false, 1, text, "DROP", null, null, 5, 200);
  }

  /** Recorded here: ip6tables-save -c (nf_tables) after 12 IPv6 datagrams met "-p udp --dport 5099 -j DROP". */
  @Test
  void ip6tablesRulesAreReadAsFamilyIp6FromTheirOwnSection() throws Exception {
    String ip6 = Files.readString(Path.of("src/test/resources/recorded/ip6tables-save-input-drop.txt"));
    String raw = RecordedSections.writer()
        .section("iptables-save -c", section(List.of("iptables-save", "-c"), 0, "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n"))
        .section("ip6tables-save -c", section(List.of("ip6tables-save", "-c"), 0, ip6)).toString();
    ProbeOutcome o = replay(raw);
    assertThat(o.facts()).filteredOn(NetfilterRule.class::isInstance).map(NetfilterRule.class::cast)
        .filteredOn(r -> !r.policy()).singleElement().satisfies(r -> {
          assertThat(r.source()).isEqualTo("ip6tables");
          assertThat(r.family()).isEqualTo("ip6");
          assertThat(r.iptables()).isTrue();
          assertThat(r.text()).isEqualTo("-p udp -m udp --dport 5099 -j DROP");
          assertThat(r.packets()).isEqualTo(12);
          assertThat(r.mayMatchFamily("2001:db8:60::2")).isTrue();
          assertThat(r.mayMatchFamily("198.18.0.2")).isFalse();
        });
    assertThat(o.facts()).filteredOn(NetfilterScan.class::isInstance).singleElement()
        .satisfies(s -> assertThat(((NetfilterScan) s).tools()).isEqualTo("iptables-save ip6tables-save"));
  }
}
