package dev.dropdx.probe.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.trust.PathTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** probes.json is strict: every refusal names file and line, and a file with a problem gives no probe. */
class TeamProbeFileTest {

  private static List<TeamProbeProblem> problems(String probe) {
    String text = "{\n  \"probes\": [\n    {\n      \"name\": \"p\",\n      \"answers\": \"a\",\n" + probe + "\n    }\n  ]\n}\n";
    List<TeamProbeProblem> out = new ArrayList<>();
    List<TeamProbeSpec> specs = TeamProbeFile.parse("probes.json", text, out, new HashSet<>());
    if (!out.isEmpty()) {
      assertThat(specs).as("a probe with a problem is not loaded").isEmpty();
    }
    return out;
  }

  @Test
  void aValidProbeLoadsWithItsParametersAndOutput() {
    List<TeamProbeProblem> out = new ArrayList<>();
    List<TeamProbeSpec> specs = TeamProbeFile.parse("probes.json", """
        {"probes": [
          {"name": "tc-ingress", "answers": "filters", "params": {"iface": "iface"},
           "command": ["tc", "-j", "filter", "show", "dev", "{iface}", "ingress"], "json": "."},
          {"name": "udp-port", "answers": "sockets", "params": {"port": "port"},
           "command": ["ss", "-uanH", "sport", "=", ":{port}"], "lines": "^(?<state>\\\\S+)\\\\s+(?<recvq>\\\\d+)"}
        ]}
        """, out, new HashSet<>());
    assertThat(out).isEmpty();
    assertThat(specs).extracting(TeamProbeSpec::id).containsExactly("team:tc-ingress", "team:udp-port");
    assertThat(specs.get(0).params()).isEqualTo(Map.of("iface", ParamType.IFACE));
    assertThat(specs.get(0).output().isJson()).isTrue();
    assertThat(specs.get(1).output().lines()).contains("(?<state>");
  }

  @Test
  void everyMistakeIsAProblemWithItsLine() {
    // the probe's keys start on line 4; the extra key below is on line 6
    assertThat(problems("      \"command\": [\"tc\", \"filter\", \"show\"],\n      \"jsn\": \".\",\n      \"json\": \".\""))
        .extracting(TeamProbeProblem::line, TeamProbeProblem::message)
        .contains(org.assertj.core.groups.Tuple.tuple(7, "unknown key \"jsn\" (known: answers, command, json, lines, name, params)"));
    assertThat(problems("      \"command\": [\"tc\", \"qdisc\", \"add\", \"dev\", \"veth0\", \"clsact\"],\n      \"json\": \".\""))
        .singleElement().satisfies(p -> {
          assertThat(p.line()).isEqualTo(6);
          assertThat(p.message()).startsWith("command off the allow-list: tc qdisc add").contains("may only");
        });
    assertThat(problems("      \"command\": [\"sh\", \"-c\", \"tc filter show\"],\n      \"json\": \".\"")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("\"sh\" is not an allowed tool"));
    assertThat(problems("      \"command\": [\"tc\", \"filter\", \"show\", \"dev\", \"veth0;reboot\"],\n      \"json\": \".\"")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("character outside"));
    assertThat(problems("      \"command\": [\"tc\", \"filter\", \"show\", \"dev\", \"{ifname}\"],\n      \"json\": \".\"")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("placeholder {ifname}").contains("not a declared parameter"));
    assertThat(problems("      \"params\": {\"iface\": \"iface\", \"port\": \"port\"},\n      \"command\": [\"tc\", \"filter\", \"show\", \"dev\", \"{iface}\"],\n      \"json\": \".\""))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("\"port\" is declared but the command never uses {port}"));
    assertThat(problems("      \"params\": {\"iface\": \"device\"},\n      \"command\": [\"tc\", \"filter\", \"show\", \"dev\", \"{iface}\"],\n      \"json\": \".\""))
        .extracting(TeamProbeProblem::message).anySatisfy(m -> assertThat(m).contains("unknown type \"device\""));
    assertThat(problems("      \"params\": {\"netns\": \"iface\"},\n      \"command\": [\"ip\", \"link\", \"show\"],\n      \"json\": \".\""))
        .extracting(TeamProbeProblem::message).anySatisfy(m -> assertThat(m).contains("\"netns\" is not a parameter to declare"));
    assertThat(problems("      \"command\": [\"ip\", \"link\", \"show\"]")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("exactly one of \"json\""));
    assertThat(problems("      \"command\": [\"cat\", \"/proc/net/snmp\"],\n      \"lines\": \"^Udp: (\\\\d+)\"")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("named groups"));
    assertThat(problems("      \"command\": [\"cat\", \"/proc/net/snmp\"],\n      \"lines\": \"(?<a>[\"")).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not a valid regex"));
  }

  @Test
  void aFileWithAProblemGivesNoProbesAndADuplicateNameIsAProblem(@TempDir Path root) throws Exception {
    Path a = Files.createDirectories(root.resolve("a"));
    Path b = Files.createDirectories(root.resolve("b"));
    String probe = "{\"probes\": [\n {\"name\": \"links\", \"answers\": \"x\", \"command\": [\"ip\", \"-j\", \"link\", \"show\"], \"json\": \".\"}\n]}\n";
    Files.writeString(a.resolve(TeamProbeFile.FILE), probe);
    Files.writeString(b.resolve(TeamProbeFile.FILE), probe);
    TeamProbeFile.Loaded loaded = TeamProbeFile.load(List.of(a, b), new PathTrust());
    assertThat(loaded.probes()).extracting(TeamProbeSpec::file).containsExactly(a.resolve(TeamProbeFile.FILE).toString());
    assertThat(loaded.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(b.resolve(TeamProbeFile.FILE).toString());
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.message()).contains("already declared at " + a.resolve(TeamProbeFile.FILE) + ":2");
    });
    assertThat(loaded.declared()).containsExactly("team:links");
  }

  @Test
  void notJsonIsAProblemWithItsLine() {
    List<TeamProbeProblem> out = new ArrayList<>();
    TeamProbeFile.parse("probes.json", "{\"probes\": [\n{\"name\": \"x\",,}\n]}", out, new HashSet<>());
    assertThat(out).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.message()).startsWith("not valid JSON");
    });
  }
}
