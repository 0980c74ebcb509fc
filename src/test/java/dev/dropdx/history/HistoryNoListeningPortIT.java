package dev.dropdx.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.support.Jar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 4, through the packaged jar: dropdx processes that share the history open no
 * listening socket. {@code ss -ltunp} is sampled, filtered by the processes' pids, for as long as
 * three {@code diagnose --replay} runs (started together, one data directory) are alive. H2's
 * AUTO_SERVER, which the history used before, is the control: the same sampler sees its listener.
 */
class HistoryNoListeningPortIT {
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");
  private static final String BUNDLE = Path.of("src/test/resources/bundles/rp-filter.json").toAbsolutePath().toString();
  @TempDir Path dataDir;

  /** The lines of {@code ss -Hltunp} (listening TCP and UDP sockets) that belong to one of these pids. */
  static Set<String> listeners(Set<Long> pids) throws Exception {
    Process ss = new ProcessBuilder("ss", "-Hltunp").redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ss.exitValue()).as(out).isZero();
    Set<String> hits = new LinkedHashSet<>();
    for (String line : out.lines().toList()) {
      Matcher m = PID.matcher(line);
      while (m.find()) {
        if (pids.contains(Long.parseLong(m.group(1)))) {
          hits.add(line.replaceAll("\\s+", " "));
        }
      }
    }
    return hits;
  }

  @Test
  void theSamplerSeesTheListenerOfH2sAutoServer() throws Exception {
    Set<Long> self = Set.of(ProcessHandle.current().pid());
    Set<String> before = listeners(self);
    String url = "jdbc:h2:file:" + dataDir.resolve("auto").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      Set<String> during = new LinkedHashSet<>(listeners(self));
      during.removeAll(before);
      // AUTO_SERVER listens on every interface for as long as the file is open, second process or not
      assertThat(during).as("AUTO_SERVER's listener").isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("tcp LISTEN"));
    }
    assertThat(listeners(self)).isEqualTo(before);
  }

  @Test
  void threeConcurrentReplaysThatStoreHistoryOpenNoListeningSocket() throws Exception {
    List<Process> runs = new ArrayList<>();
    List<CompletableFuture<String>> outputs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
          Path.of(System.getProperty("dropdx.jar", "target/dropdx.jar")).toAbsolutePath().toString(), "diagnose", "--replay", BUNDLE)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("DROPDX_DATA_DIR", dataDir.toString());
      Process p = pb.start();
      runs.add(p);
      outputs.add(CommandRunner.drain(p.getInputStream()));
    }
    Set<String> seen = new LinkedHashSet<>();
    int samples = 0;
    while (runs.stream().anyMatch(Process::isAlive)) {
      Set<Long> pids = new HashSet<>();
      for (Process p : runs) {
        pids.add(p.pid());
        p.descendants().forEach(d -> pids.add(d.pid()));
      }
      seen.addAll(listeners(pids));
      samples++;
      Thread.sleep(20); // a window of H2 use lasts far longer; no core spent on sampling alone
    }
    for (int i = 0; i < runs.size(); i++) {
      assertThat(runs.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(runs.get(i).exitValue()).as(outputs.get(i).join()).isZero();
      assertThat(outputs.get(i).join()).contains("rp-filter");
    }
    assertThat(samples).as("ss samples while the runs were alive").isGreaterThanOrEqualTo(20);
    assertThat(seen).as("listening sockets of the dropdx processes").isEmpty();
    // all three opened the history and stored their diagnosis
    CommandResult history = Jar.run(List.of(), dataDir, Map.of(), "history", "--cause", "rp-filter");
    assertThat(history.stdout()).as(history.stderr()).contains("3 diagnosis(es)");
  }
}
