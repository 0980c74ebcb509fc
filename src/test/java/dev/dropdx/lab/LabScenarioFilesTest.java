package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.Target;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario files without a kernel: each one loads, names a known cause, and builds exactly
 * the commands (and target) the Java scenario class it replaced did (recorded in
 * src/test/resources/lab/golden/ from those classes); broken files are reported with file and line.
 */
class LabScenarioFilesTest {
  private static final Path DIR = Path.of("knowledge-base/lab");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<String> names() {
    return LabScenarioCatalog.scenarios(DIR, JSON).stream().map(LabScenario::name);
  }

  static Set<String> knownCauses() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("knowledge-base"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).map(n -> n.replaceFirst("\\.json$", ""))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void everyShippedScenarioLoadsAndNamesAKnownCause() throws IOException {
    assertThat(LabScenarioCatalog.problems(DIR, JSON, knownCauses())).isEmpty();
    assertThat(names()).hasSize(51).contains("rp-filter", "clean", "no-socket-container", "backlog-full", "no-socket-v6", "netfilter-drop-v6",
        "netfilter-drop-nft-v6", "no-route-input-v6", "no-route-blackhole-v6", "no-route-output-v6", "ttl-expired-v6", "mtu-too-big-v6",
        "neighbour-unresolved-v6", "ipv6-disabled-v6", "multicast-not-joined-v6", "netfilter-drop-legacy", "netfilter-drop-nft",
        "conntrack-invalid", "neighbour-unresolved", "l4-checksum", "vxlan-vni-mismatch", "socket-filter", "xfrm-policy",
        "listen-queue-full", "forwarding-disabled",
        "forwarding-disabled-egress", "ttl-expired", "ttl-expired-loop", "no-route-blackhole", "no-route-prohibit", "no-route-policy",
        "no-route-output-blackhole", "route-localnet", "tc-filter-drop",
        "qdisc-drop", "mtu-too-big", "xdp-drop", "wrong-destination-mac", "bridge-port-blocked");
  }

  @ParameterizedTest
  @MethodSource("names")
  void aScenarioBuildsWhatItsJavaClassBuilt(String name) throws Exception {
    LabScenario scenario = LabScenarioCatalog.scenarios(DIR, JSON).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    ChildProcesses children = new ChildProcesses();
    RecordingCommandRunner runner = new RecordingCommandRunner(children);
    Target target = LabSetUp.build(scenario, new LabNetwork(runner, children));

    var golden = JSON.readTree(Path.of("src/test/resources/lab/golden/" + name + ".json").toFile());
    List<List<String>> expected = new ArrayList<>();
    golden.get("commands").forEach(c -> {
      List<String> argv = new ArrayList<>();
      c.forEach(a -> argv.add(a.asString()));
      expected.add(argv);
    });
    // An input command (e.g. backlog-full's ruleset generator) is new: the Java class wrote the file itself.
    List<List<String>> actual = runner.commands().stream().filter(c -> !isInputCommand(scenario, c)).toList();
    assertThat(actual).containsExactlyElementsOf(expected);
    var t = golden.get("target");
    assertThat(target).isEqualTo(new Target(text(t, "src"), text(t, "dst"), number(t, "protocol"), number(t, "dport"), text(t, "iface"),
        text(t, "netns")));
  }

  @Test
  void backlogFullsGeneratedRulesetIsTheOneTheJavaClassWrote() {
    LabStep step = LabScenarioCatalog.scenarios(DIR, JSON).stream().filter(s -> s.name().equals("backlog-full")).findFirst().orElseThrow()
        .steps().stream().filter(s -> s.input() != null).findFirst().orElseThrow();
    var result = new CommandRunner(new ChildProcesses()).run(step.input(), Duration.ofSeconds(30));
    assertThat(result.ok()).as(result.stderr()).isTrue();
    // What BacklogFullScenario.slowChain() wrote, rule for rule.
    StringBuilder sb = new StringBuilder("table ip dropdx_lab_slow {\n chain pre {\n  type filter hook prerouting priority 0;\n");
    for (int i = 1; i <= 5000; i++) {
      sb.append("  ip saddr 10.").append(i / 62500).append('.').append((i / 250) % 250).append('.').append(i % 250).append(" counter\n");
    }
    sb.append(" }\n}\n");
    assertThat(result.stdout()).isEqualTo(sb.toString());
  }

  @Test
  void theToolsOfAScenarioComeFromItsSteps() {
    Map<String, LabScenario> byName = LabScenarioCatalog.scenarios(DIR, JSON).stream().collect(Collectors.toMap(LabScenario::name, s -> s));
    assertThat(byName.get("rp-filter").tools()).containsExactly("ip", "ping", "sysctl");
    assertThat(byName.get("netfilter-drop").tools()).containsExactly("ip", "iptables", "python3", "sysctl");
    assertThat(byName.get("backlog-full").tools()).containsExactly("ip", "nft", "python3", "sysctl");
  }

  @Test
  void aMissingToolNamesWhatToInstallBeforeAnythingIsBuilt(@TempDir Path dir) throws IOException {
    write(dir, "needs-tools", """
        {"name": "needs-tools", "description": "d", "expected": {"verdict": "no-drops", "cause": null},
         "namespaces": {"a": "dropdx-lab-t-a"},
         "steps": [{"netns": "a", "run": ["dropdx-no-such-tool", "x"]}, {"netns": "a", "start": ["ping", "198.18.0.1"]}],
         "target": {"dst": "198.18.0.1", "netns": "a"}}
        """);
    LabScenario s = LabScenarioCatalog.scenarios(dir, JSON).get(0);
    assertThat(LabTools.missing(s)).singleElement().asString()
        .startsWith("dropdx-no-such-tool is not installed or not on PATH").contains("no known Debian package");
    assertThatThrownBy(() -> LabTools.require(s)).isInstanceOf(LabException.class)
        .hasMessageStartingWith("lab needs-tools cannot run here: dropdx-no-such-tool is not installed");
  }

  @Test
  void brokenFilesAreReportedWithFileAndLine(@TempDir Path dir) throws IOException {
    write(dir, "syntax", "{\n  \"name\": \"syntax\",\n  \"description\": \"d\"\n  \"expected\": {}\n}\n");
    write(dir, "unknown-field", """
        {"name": "unknown-field", "description": "d", "expected": {"verdict": "no-drops", "cause": null},
         "namespaces": {"a": "dropdx-lab-u-a"},
         "steps": [
           {"netns": "a", "sysctls": {"x": "1"}}
         ],
         "target": {"dst": "198.18.0.1", "netns": "a"}}
        """);
    write(dir, "bad-steps", """
        {"name": "bad-steps", "description": "d",
         "expected": {"verdict": "diagnosed", "cause": "no-such-cause"},
         "namespaces": {"a": "dropdx-lab-b-a", "b": "not-a-lab-namespace"},
         "steps": [
           {"netns": "a", "ip": ["link"], "route": ["add", "x"]},
           {"netns": "c", "start": ["ping", "198.18.0.1"]},
           {"netns": "a", "packets": ["send-frame", "--dst-mac", "${mac:z:eth0}"]},
           {"netns": "a", "start": ["echo", "${home}"]},
           {"netns": "a", "neighbour": "198.18.0.1", "dev": "eth0"}
         ],
         "target": {"dst": "198.18.0.1", "netns": "b"}}
        """);
    List<String> problems = LabScenarioCatalog.problems(dir, JSON, Set.of("rp-filter")).stream().map(Object::toString).toList();
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("syntax.json") + ":4: "));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("unknown-field.json") + ":4: ").contains("sysctls"));
    String bad = dir.resolve("bad-steps.json") + ":";
    assertThat(problems).contains(
        bad + "3: lab namespaces must be named dropdx-lab-* (lower case, at most 51 characters): not-a-lab-namespace",
        bad + "5: a step sets exactly one of " + LabStep.KINDS + ", this one [ip, route]",
        bad + "6: unknown namespace c (one of [a, b])",
        bad + "7: unknown namespace z (one of [a, b])",
        bad + "8: unknown placeholder in ${home} (known: ${mac:KEY:IFACE}, ${ns:KEY}, ${input})",
        bad + "9: neighbour needs lladdr",
        bad + "2: unknown cause no-such-cause");
    assertThatThrownBy(() -> LabScenarioCatalog.scenarios(dir, JSON)).isInstanceOf(LabScenarioException.class)
        .hasMessageContaining(bad + "6: unknown namespace c");
  }

  @Test
  void anIpv6ScenarioKeepsIpv6OnAndAddsItsAddressesWithoutDad(@TempDir Path dir) throws IOException {
    String v6 = """
        {"name": "NAME", "description": "d", "expected": {"verdict": "no-drops", "cause": null}, IPV6
         "namespaces": {"a": "dropdx-lab-v6t-a", "b": "dropdx-lab-v6t-b"},
         "steps": [
           {"veth": {"a": {"netns": "a", "name": "v6t-a0", "address": "2001:db8:9::1/64"},
                     "b": {"netns": "b", "name": "v6t-b0", "address": "198.18.9.2/24"}}},
           {"netns": "b", "address": "2001:db8:9::2/64", "dev": "v6t-b0"}
         ],
         "target": {"dst": "2001:db8:9::2", "proto": 58, "netns": "b"}}
        """;
    write(dir, "with-v6", v6.replace("NAME", "with-v6").replace("IPV6", "\"ipv6\": true,"));
    write(dir, "without-v6", v6.replace("NAME", "without-v6").replace("IPV6", ""));
    List<String> problems = LabScenarioCatalog.problems(dir, JSON, Set.of()).stream().map(Object::toString).toList();
    assertThat(problems).containsExactlyInAnyOrder(
        dir.resolve("without-v6.json") + ":4: IPv6 address 2001:db8:9::1/64 needs \"ipv6\": true (the lab turns IPv6 off in a scenario's "
            + "namespaces otherwise)",
        dir.resolve("without-v6.json") + ":6: IPv6 address 2001:db8:9::2/64 needs \"ipv6\": true (the lab turns IPv6 off in a scenario's "
            + "namespaces otherwise)");

    Files.delete(dir.resolve("without-v6.json"));
    LabScenario scenario = LabScenarioCatalog.scenarios(dir, JSON).get(0);
    assertThat(scenario.ipv6On()).isTrue();
    ChildProcesses children = new ChildProcesses();
    RecordingCommandRunner runner = new RecordingCommandRunner(children);
    Target target = LabSetUp.build(scenario, new LabNetwork(runner, children));
    assertThat(target).isEqualTo(new Target(null, "2001:db8:9::2", 58, null, null, "dropdx-lab-v6t-b"));
    assertThat(runner.commands()).noneMatch(c -> String.join(" ", c).contains("disable_ipv6"))
        .contains(List.of("run", "ip", "-n", "dropdx-lab-v6t-a", "addr", "add", "2001:db8:9::1/64", "dev", "v6t-a0", "nodad"),
            List.of("run", "ip", "-n", "dropdx-lab-v6t-b", "addr", "add", "198.18.9.2/24", "dev", "v6t-b0"),
            List.of("run", "ip", "-n", "dropdx-lab-v6t-b", "addr", "add", "2001:db8:9::2/64", "dev", "v6t-b0", "nodad"));
  }

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name + ".json"), text);
  }

  private static boolean isInputCommand(LabScenario scenario, List<String> command) {
    return scenario.steps().stream().anyMatch(s -> s.input() != null && command.containsAll(s.input()));
  }

  private static String text(tools.jackson.databind.JsonNode n, String field) {
    return n.get(field) == null || n.get(field).isNull() ? null : n.get(field).asString();
  }

  private static Integer number(tools.jackson.databind.JsonNode n, String field) {
    return n.get(field) == null || n.get(field).isNull() ? null : n.get(field).asInt();
  }
}
