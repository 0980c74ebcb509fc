package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The root namespace and the global tracing state are the same after a diagnosis and a lab run
 * as before: every net.* sysctl, the routes and rules, and tracing_on, current_tracer, set_event,
 * the kfree_skb switch and the list of instances.
 */
@LabTest
class HostUnchangedLabTest {
  private static final Path TRACING = Path.of("/sys/kernel/tracing");
  /** Counters, not settings: they move on their own. */
  private static final Set<String> VOLATILE = Set.of("net.netfilter.nf_conntrack_count", "net.ipv4.tcp_fastopen_key");

  @Test
  void aDiagnosisAndALabRunLeaveTheRootNamespaceAndGlobalTracingAsFound() throws Exception {
    try (LabWiring wiring = new LabWiring()) {
      Map<String, String> before = snapshot(wiring);
      wiring.engine.diagnose(new Target("198.18.0.1", null, 17, null, null, ""), new DiagnosisOptions(1, 12, 60), l -> { });
      LabRun run = wiring.lab.run(wiring.lab.find("rp-filter").orElseThrow(), new DiagnosisOptions(2, 12, 120), l -> { });
      assertThat(run.report().diagnoses()).isNotEmpty();
      Map<String, String> after = snapshot(wiring);
      // Interfaces that exist only in one snapshot are other processes' links coming and going.
      Set<String> keys = before.keySet().stream().filter(after::containsKey).collect(Collectors.toSet());
      assertThat(keys.size()).as("the snapshot covers the host").isGreaterThan(200);
      for (String k : keys) {
        assertThat(after.get(k)).as(k).isEqualTo(before.get(k));
      }
      assertThat(after.keySet()).filteredOn(k -> !k.startsWith("sysctl ")).containsExactlyInAnyOrderElementsOf(
          before.keySet().stream().filter(k -> !k.startsWith("sysctl ")).toList());
    }
  }

  private static Map<String, String> snapshot(LabWiring wiring) throws IOException {
    Map<String, String> s = new TreeMap<>();
    Path sys = Path.of("/proc/sys/net");
    try (Stream<Path> files = Files.walk(sys)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = "net." + sys.relativize(f).toString().replace('/', '.');
        if (VOLATILE.contains(key) || !Files.isReadable(f)) {
          continue;
        }
        try {
          s.put("sysctl " + key, Files.readString(f).strip());
        } catch (IOException e) {
          // write-only entries (e.g. route.flush)
        }
      }
    }
    for (List<String> cmd : List.of(List.of("ip", "-4", "route", "show", "table", "all"), List.of("ip", "-6", "route", "show", "table", "all"),
        List.of("ip", "-4", "rule", "show"), List.of("ip", "-6", "rule", "show"))) {
      CommandResult r = wiring.runner.run(cmd, Duration.ofSeconds(10));
      assertThat(r.ok()).as(r.stderr()).isTrue();
      s.put(String.join(" ", cmd), r.stdout());
    }
    for (String f : List.of("tracing_on", "current_tracer", "set_event", "trace_options", "buffer_size_kb", "events/skb/kfree_skb/enable",
        "events/skb/kfree_skb/filter", "events/skb/kfree_skb/trigger", "events/fib/fib_table_lookup/enable")) {
      Path p = TRACING.resolve(f);
      if (Files.exists(p)) {
        s.put("tracing " + f, Files.readString(p));
      }
    }
    try (Stream<Path> dirs = Files.list(TRACING.resolve("instances"))) {
      // Other dropdx processes on the host may be mid-watch; ours and every other tool's must be as found.
      String ours = "dropdx-" + ProcessHandle.current().pid() + "-";
      s.put("tracing instances", dirs.map(d -> d.getFileName().toString()).filter(n -> !n.startsWith("dropdx-") || n.startsWith(ours))
          .sorted().collect(Collectors.joining(",")));
    }
    return s;
  }
}
