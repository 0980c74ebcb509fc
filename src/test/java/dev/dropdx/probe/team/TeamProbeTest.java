package dev.dropdx.probe.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.ReplayEvidence;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.TeamFact;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A team probe fills only checked values, reads JSON or lines into TeamFacts, and replays from a bundle. */
class TeamProbeTest {
  /** Measured here: `tc -j filter show dev tq-rx0 ingress` with the example's quarantine filter. */
  private static final String TC_JSON = "[{\"protocol\":\"all\",\"pref\":4000,\"kind\":\"bpf\",\"chain\":0},{\"protocol\":\"all\",\"pref\":4000,"
      + "\"kind\":\"bpf\",\"chain\":0,\"options\":{\"handle\":\"0x51\",\"direct-action\":true,\"not_in_hw\":true,\"bytecode\":{\"length\":2,"
      + "\"insns\":[{\"code\":32,\"jt\":0,\"jf\":0,\"k\":26},{\"code\":21,\"jt\":0,\"jf\":1,\"k\":3323104257}]}}}]\n";

  private static TeamProbeSpec spec(String json) {
    List<TeamProbeProblem> problems = new java.util.ArrayList<>();
    List<TeamProbeSpec> specs = TeamProbeFile.parse("probes.json", json, problems, new HashSet<>());
    assertThat(problems).isEmpty();
    return specs.get(0);
  }

  private static final TeamProbeSpec TC = spec("{\"probes\": [{\"name\": \"tc-ingress\", \"answers\": \"filters\", \"params\": {\"iface\": \"iface\"},"
      + " \"command\": [\"tc\", \"-j\", \"filter\", \"show\", \"dev\", \"{iface}\", \"ingress\"], \"json\": \".\"}]}");

  @Test
  void onlyDeclaredParametersOfTheirTypeFillTheCommand() {
    TeamProbe probe = new TeamProbe(TC, null);
    assertThat(probe.command(ProbeRequest.of("team:tc-ingress", 1, "r", "w", "netns", "dropdx-lab-r", "iface", "tq-rx0")))
        .containsExactly("tc", "-j", "filter", "show", "dev", "tq-rx0", "ingress");
    for (String[] bad : new String[][] {{"iface", "-K"}, {"iface", "eth0;reboot"}, {"iface", "a b"}, {"iface", "much-too-long-name0"},
        {"iface", "$(id)"}, {"netns", "../x"}, {"netns", "pid:"}, {"netns", "pid:1 x"}, {"netns", "pid:-1"}}) {
      Map<String, String> params = new java.util.HashMap<>(Map.of("iface", "veth0"));
      params.put(bad[0], bad[1]);
      assertThatThrownBy(() -> probe.command(new ProbeRequest("team:tc-ingress", params, 1, "r", "w"))).as(bad[1])
          .isInstanceOf(IllegalArgumentException.class);
    }
    // A container's namespace (--all-netns, --netns pid:N) is a namespace like a named one.
    assertThat(probe.command(ProbeRequest.of("team:tc-ingress", 1, "r", "w", "netns", "pid:4242", "iface", "tq-rx0")))
        .containsExactly("tc", "-j", "filter", "show", "dev", "tq-rx0", "ingress");
    assertThatThrownBy(() -> probe.command(ProbeRequest.of("team:tc-ingress", 1, "r", "w", "iface", "veth0", "dev", "veth1")))
        .hasMessageContaining("unknown parameter \"dev\"");
    assertThatThrownBy(() -> probe.command(ProbeRequest.of("team:tc-ingress", 1, "r", "w", "netns", "x")))
        .hasMessageContaining("parameter iface is required");
    // a value that is a write word is refused by the allow-list check of the filled command
    TeamProbeSpec ip = spec("{\"probes\": [{\"name\": \"link\", \"answers\": \"a link\", \"params\": {\"iface\": \"iface\"},"
        + " \"command\": [\"ip\", \"-j\", \"link\", \"show\", \"{iface}\"], \"json\": \".\"}]}");
    assertThatThrownBy(() -> new TeamProbe(ip, null).command(ProbeRequest.of("team:link", 1, "r", "w", "iface", "flush")))
        .hasMessageContaining("refused");
  }

  @Test
  void jsonRowsBecomeFlattenedTeamFactsAndTheRunIsAFactToo() {
    ProbeRequest request = ProbeRequest.of("team:tc-ingress", 1, "r", "w", "netns", "lab", "iface", "tq-rx0");
    String raw = RawCommand.encode(new CommandResult(List.of("tc", "-j", "filter", "show", "dev", "tq-rx0", "ingress"), 0, TC_JSON, "", false));
    ProbeOutcome o = new TeamProbe(TC, null).interpret(request, raw, null);
    List<TeamFact> facts = o.facts().stream().map(TeamFact.class::cast).toList();
    assertThat(facts).extracting(TeamFact::kind).containsExactly("row", "row", "run");
    TeamFact filter = facts.get(1);
    assertThat(filter.value("pref")).isEqualTo("4000");
    assertThat(filter.value("options.direct-action")).isEqualTo("true");
    assertThat(filter.value("options.bytecode.insns.1.k")).isEqualTo("3323104257");
    assertThat(filter.value("missing")).isEmpty();
    assertThat(filter.anyValue("options\\.bytecode\\.insns\\.\\d+\\.k", "3323104257")).isTrue();
    assertThat(facts.get(0).anyValue("options\\.bytecode\\.insns\\.\\d+\\.k", "3323104257")).isFalse();
    assertThat(filter.param("iface")).isEqualTo("tq-rx0");
    assertThat(filter.netns()).isEqualTo("lab");
    assertThat(facts.get(2).fields()).containsEntry("rows", "2").containsEntry("exit", "0").containsEntry("error", "");
    assertThat(o.raw()).isEqualTo(raw);
  }

  @Test
  void aFailedCommandOrUnreadableOutputIsARunWithItsError() {
    ProbeRequest request = ProbeRequest.of("team:tc-ingress", 1, "r", "w", "iface", "nope0");
    String failed = RawCommand.encode(new CommandResult(List.of("tc", "-j", "filter", "show", "dev", "nope0", "ingress"), 1, "",
        "Cannot find device \"nope0\"\n", false));
    ProbeOutcome o = new TeamProbe(TC, null).interpret(request, failed, null);
    assertThat(o.facts()).singleElement().isInstanceOfSatisfying(TeamFact.class, f -> {
      assertThat(f.kind()).isEqualTo("run");
      assertThat(f.value("exit")).isEqualTo("1");
      assertThat(f.value("error")).contains("Cannot find device");
    });
    String notJson = RawCommand.encode(new CommandResult(List.of("tc"), 0, "filter protocol all pref 1\n", "", false));
    assertThat(new TeamProbe(TC, null).interpret(request, notJson, null).notes()).singleElement().asString().contains("not JSON");
  }

  @Test
  void linePatternsGiveOneRowPerMatchingLineWithTheNamedGroups() {
    TeamProbeSpec udp = spec("{\"probes\": [{\"name\": \"udp\", \"answers\": \"UDP counters\", \"command\": [\"cat\", \"/proc/net/snmp\"],"
        + " \"lines\": \"^Udp: (?<in>\\\\d+) (?<noPorts>\\\\d+) (?<inErrors>\\\\d+)\"}]}");
    String out = "Udp: InDatagrams NoPorts InErrors\nUdp: 12 3 4 5\n";
    ProbeOutcome o = new TeamProbe(udp, null).interpret(ProbeRequest.of("team:udp", 1, "r", "w"),
        RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/snmp"), 0, out, "", false)), null);
    assertThat(o.facts().get(0)).isInstanceOfSatisfying(TeamFact.class, f ->
        assertThat(f.fields()).isEqualTo(Map.of("in", "12", "noPorts", "3", "inErrors", "4")));
    assertThat(o.facts()).hasSize(2);
  }

  @Test
  void aRecordedRunReplaysThroughACatalogWithTheTeamProbe() {
    ProbeRequest request = ProbeRequest.of("team:tc-ingress", 1, "r", "w", "netns", "lab", "iface", "tq-rx0");
    String raw = RawCommand.encode(new CommandResult(List.of("tc", "-j", "filter", "show", "dev", "tq-rx0", "ingress"), 0, TC_JSON, "", false));
    List<RecordedProbe> recorded = List.of(new RecordedProbe("team:tc-ingress", request.params(), "team probe", raw));
    ProbeCatalog catalog = new TeamProbes(null).catalog(new ProbeCatalog(List.of()), List.of(TC));
    ReplayEvidence replay = new ReplayEvidence(catalog, recorded);
    assertThat(replay.availability(request).available()).isTrue();
    assertThat(replay.gather(request, null).facts()).hasSize(3);
    // without the team's probes.json the recording is there, but nothing can read it
    assertThat(new ReplayEvidence(new ProbeCatalog(List.of()), recorded).availability(request).reason()).contains("no probe 'team:tc-ingress'");
  }
}
