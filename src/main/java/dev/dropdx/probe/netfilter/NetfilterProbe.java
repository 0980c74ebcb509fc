package dev.dropdx.probe.netfilter;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.NetfilterRule;
import dev.dropdx.fact.NetfilterScan;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads the netfilter ruleset of a namespace from both front ends, `iptables-save -c` and
 * `nft -a list ruleset`, with packet counters, so a rule can name the table, chain and rule that
 * drop and give the exact command to remove it. With iptables-nft both show the same rules; the
 * rules in DRL prefer the iptables view for tables iptables manages. When iptables-save (the nft
 * variant) warns that iptables-legacy tables exist, `iptables-legacy-save -c` is read too: those
 * rules live outside nf_tables (the kernel drops at nf_hook_slow) and nft does not show them. IPv6's
 * own front end is read the same way: `ip6tables-save -c` (family ip6, source "ip6tables") and, on
 * its legacy warning, `ip6tables-legacy-save -c` (source "ip6tables-legacy").
 * Parameter: {@code netns}.
 */
@Component
public class NetfilterProbe implements Probe {
  private static final String IPTABLES = "iptables-save -c";
  private static final String NFT = "nft -a list ruleset";
  private static final String LEGACY = "iptables-legacy-save -c";
  private static final String IP6TABLES = "ip6tables-save -c";
  private static final String LEGACY6 = "ip6tables-legacy-save -c";
  /** What iptables-nft-save prints (exit 0) when legacy tables exist beside its own. */
  static final String LEGACY_WARNING = "iptables-legacy tables present";
  private final CommandRunner runner;

  public NetfilterProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "netfilter";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the netfilter ruleset of a namespace with packet counters: which table, chain and rule drop",
        List.of(ProbeInfo.netns()),
        List.of("NetfilterRule", "NetfilterScan"),
        List.of("iptables-save -c", "nft -a list ruleset", "iptables-legacy-save -c", "ip6tables-save -c", "ip6tables-legacy-save -c"));
  }

  @Override
  public Availability availability(HostFacts host) {
    if (!host.root()) {
      return Availability.no("reading the netfilter ruleset needs root: run dropdx with sudo");
    }
    if (!host.hasTool("iptables-save") && !host.hasTool("nft")) {
      return Availability.no("neither iptables-save nor nft is installed: apt-get install iptables nftables");
    }
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    RecordedSections.Writer raw = RecordedSections.writer();
    if (context.host().hasTool("iptables-save")) {
      CommandResult save = runner.runIn(netns, List.of("iptables-save", "-c"), Duration.ofSeconds(10));
      raw.section(IPTABLES, RawCommand.encode(save));
      if (warnsOfLegacy(save)) {
        raw.section(LEGACY, RawCommand.encode(runner.runIn(netns, List.of("iptables-legacy-save", "-c"), Duration.ofSeconds(10))));
      }
    }
    if (context.host().hasTool("ip6tables-save")) {
      CommandResult save = runner.runIn(netns, List.of("ip6tables-save", "-c"), Duration.ofSeconds(10));
      raw.section(IP6TABLES, RawCommand.encode(save));
      if (warnsOfLegacy(save)) {
        raw.section(LEGACY6, RawCommand.encode(runner.runIn(netns, List.of("ip6tables-legacy-save", "-c"), Duration.ofSeconds(10))));
      }
    }
    if (context.host().hasTool("nft")) {
      raw.section(NFT, RawCommand.encode(runner.runIn(netns, List.of("nft", "-a", "list", "ruleset"), Duration.ofSeconds(10))));
    }
    return interpret(request, raw.toString(), context);
  }

  /** Raw output: each tool's recorded command result after its own header line. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    List<Object> facts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> tools = new ArrayList<>();
    RecordedSections recorded = RecordedSections.read(raw, IPTABLES, LEGACY, IP6TABLES, LEGACY6, NFT);
    if (recorded.has(IPTABLES)) {
      CommandResult r = RawCommand.decode(recorded.section(IPTABLES));
      if (r.ok()) {
        tools.add("iptables-save");
        facts.addAll(IptablesSaveParser.parse(netns, "ip", r.stdout()));
      } else {
        notes.add("iptables-save failed: " + r.firstError());
      }
    }
    if (recorded.has(LEGACY)) {
      CommandResult r = RawCommand.decode(recorded.section(LEGACY));
      if (r.ok()) {
        tools.add("iptables-legacy-save");
        facts.addAll(IptablesSaveParser.parse(netns, "ip", r.stdout(), "iptables-legacy"));
      } else {
        notes.add("iptables-save warns of iptables-legacy tables, but iptables-legacy-save failed: " + r.firstError()
            + " (apt-get install iptables)");
      }
    }
    if (recorded.has(IP6TABLES)) {
      CommandResult r = RawCommand.decode(recorded.section(IP6TABLES));
      if (r.ok()) {
        tools.add("ip6tables-save");
        facts.addAll(IptablesSaveParser.parse(netns, "ip6", r.stdout(), "ip6tables"));
      } else {
        notes.add("ip6tables-save failed: " + r.firstError());
      }
    }
    if (recorded.has(LEGACY6)) {
      CommandResult r = RawCommand.decode(recorded.section(LEGACY6));
      if (r.ok()) {
        tools.add("ip6tables-legacy-save");
        facts.addAll(IptablesSaveParser.parse(netns, "ip6", r.stdout(), "ip6tables-legacy"));
      } else {
        notes.add("ip6tables-save warns of ip6tables-legacy tables, but ip6tables-legacy-save failed: " + r.firstError()
            + " (apt-get install iptables)");
      }
    }
    if (recorded.has(NFT)) {
      CommandResult r = RawCommand.decode(recorded.section(NFT));
      if (r.ok()) {
        tools.add("nft");
        facts.addAll(NftRulesetParser.parse(netns, r.stdout()));
      } else {
        notes.add("nft list ruleset failed: " + r.firstError());
      }
    }
    NetfilterScan scan = new NetfilterScan(netns, String.join(" ", tools), facts.size());
    List<String> dropping = facts.stream().map(NetfilterRule.class::cast).filter(NetfilterRule::drops)
        .filter(f -> f.packets() != 0).map(NetfilterRule::describe).toList();
    facts.add(scan);
    String summary = scan.describe() + (dropping.isEmpty() ? "; no dropping rule has counted packets"
        : "; dropping: " + String.join("; ", dropping));
    return new ProbeOutcome(String.join("+", tools).isEmpty() ? "none" : String.join("+", tools), summary, facts, notes, raw);
  }

  private static boolean warnsOfLegacy(CommandResult save) {
    return save.stdout().contains(LEGACY_WARNING) || save.stderr().contains(LEGACY_WARNING);
  }
}
