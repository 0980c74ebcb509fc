package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.evidence.TrailStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/json.md lists exactly the fields the JSON writer emits: a report with every list filled
 * (namespaces[] included) is written as `diagnose --format json` writes it, and its field paths
 * are compared with the documented ones, both ways. A field added to a view without a line in the
 * doc fails here, and so does a documented field the writer no longer emits.
 */
class JsonDocsTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);
  /** Entries of namespaces[] that are documented once, where they first appear. */
  private static final List<String> SAME_AS_TOP = List.of("diagnoses[]", "unexplained[]", "trail[]");

  private static ReportView everyFieldFilled() {
    ExplainedDiagnosis d = new ExplainedDiagnosis("rp-filter", 1, "title", "explanation", List.of("fix"), List.of("verify"),
        List.of("evidence"), "rule");
    ReportView.UnexplainedView u = new ReportView.UnexplainedView("NOT_SPECIFIED", "ip6_mc_input+0x1", 3, "generic", "title", "meaning",
        "web", "veth0", "2001:db8::1", "ff02::5", List.of("check"), List.of("counter"), List.of("not read"), List.of("multicast-not-joined"));
    TrailStep t = new TrailStep(1, "sysctl", Map.of("netns", "web"), "procfs", "rule", "why", 1, 2, "result", List.of("note"));
    ReportView.DropView drop = new ReportView.DropView("ip_rcv_finish+0x1", "ip_rcv_finish", "IP_RPFILTER", 4, "target", "web", "veth0",
        "198.18.0.1", "198.18.1.2", 1);
    ReportView.NamespaceView ns = new ReportView.NamespaceView("pid:4711", "inode 4026532301 (pid 4711 sleep)", "", 4026532301L, 4711,
        "sleep", "", "NO_SOCKET", "__udp4_lib_rcv+0x1", 9, "no-socket", "dst=198.18.150.2 proto=udp dport=5150 netns=pid:4711",
        "diagnosed", List.of(d), List.of(u), List.of(t), "cause proven");
    return new ReportView("diagnosed", List.of(d), List.of(u), List.of(t), List.of(drop),
        new ReportView.HostView("6.18.0", true, "/sys/kernel/tracing", true, List.of("procfs")),
        new ReportView.TargetView("198.18.0.1", "198.18.1.2", "icmp", 53, "veth0", "*"), "stop", List.of("note"), List.of(ns));
  }

  /** Every field path of a JSON value: arrays as NAME[], objects' fields as PARENT.NAME; params' free keys are not fields. */
  private static void paths(String prefix, JsonNode node, Set<String> out) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      String path = prefix + e.getKey() + (v.isArray() ? "[]" : "");
      out.add(path);
      if (path.endsWith("trail[].params")) {
        continue;
      }
      if (v.isObject()) {
        paths(path + ".", v, out);
      } else if (v.isArray() && !v.isEmpty() && v.get(0).isObject()) {
        paths(path + ".", v.get(0), out);
      }
    }
  }

  @Test
  void theDocumentedFieldsAreExactlyTheOnesTheWriterEmits() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    String written = json.writeValueAsString(everyFieldFilled());
    Set<String> emitted = new TreeSet<>();
    paths("", json.readTree(written), emitted);
    // namespaces[].diagnoses[].cause is documented as diagnoses[].cause, and so on.
    Set<String> normalized = new TreeSet<>();
    for (String p : emitted) {
      String n = p;
      for (String same : SAME_AS_TOP) {
        if (p.startsWith("namespaces[]." + same + ".")) {
          n = p.substring("namespaces[].".length());
        }
      }
      normalized.add(n);
    }
    Set<String> documented = new TreeSet<>();
    Matcher m = ROW.matcher(Files.readString(Path.of("docs/json.md")));
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).as("docs/json.md rows vs the JSON writer's fields").isEqualTo(normalized);
    assertThat(documented).contains("namespaces[]", "namespaces[].containerId", "namespaces[].trail[]", "trail[].notes[]");
  }
}
