package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.history.DiagnosisHistory;
import dev.dropdx.history.HistoryFilter;
import dev.dropdx.history.HistoryStore;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two diagnoses at once on one host, in different lab namespaces: both reach their own cause,
 * each watches with its own watcher (its own bpftrace process, or its own tracefs instance where
 * the watch falls back to tracefs), and both land in the history without a database error.
 */
@LabTest
class ConcurrentDiagnosesLabTest {
  private static final Path INSTANCES = Path.of("/sys/kernel/tracing/instances");

  @Test
  void twoDiagnosesInDifferentNamespacesAtOnceAreBothRight() throws Exception {
    try (LabWiring wiring = new LabWiring()) {
      DiagnosisOptions options = new DiagnosisOptions(3, 12, 120);
      String prefix = "dropdx-" + ProcessHandle.current().pid() + "-";
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicInteger mostAtOnce = new AtomicInteger();
      AtomicBoolean done = new AtomicBoolean();
      Thread watcher = new Thread(() -> {
        while (!done.get()) {
          try (Stream<Path> dirs = Files.list(INSTANCES)) {
            List<String> ours = Stream.concat(
                dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(prefix)),
                ProcessHandle.current().children()
                    .filter(c -> c.info().command().map(cmd -> cmd.endsWith("/bpftrace")).orElse(false))
                    .map(c -> "bpftrace-" + c.pid()))
                .toList();
            seen.addAll(ours);
            mostAtOnce.accumulateAndGet(ours.size(), Math::max);
            Thread.sleep(100);
          } catch (Exception e) {
            return;
          }
        }
      });
      watcher.start();
      var rp = CompletableFuture.supplyAsync(() -> wiring.lab.run(wiring.lab.find("rp-filter").orElseThrow(), options, l -> { }));
      var ns = CompletableFuture.supplyAsync(() -> wiring.lab.run(wiring.lab.find("no-socket").orElseThrow(), options, l -> { }));
      LabRun a = rp.join();
      LabRun b = ns.join();
      done.set(true);
      watcher.join();

      assertThat(a.report().diagnoses()).extracting(d -> d.cause()).containsExactly("rp-filter");
      assertThat(b.report().diagnoses()).extracting(d -> d.cause()).containsExactly("no-socket");
      assertThat(seen).as("each diagnosis watched with its own watcher").hasSizeGreaterThanOrEqualTo(2);
      assertThat(mostAtOnce.get()).as("the two watches overlapped, each with its own watcher").isEqualTo(2);
      assertThat(wiring.instances.openCount()).isZero();

      // Both stored at once: no database error, both found.
      DiagnosisHistory history = wiring.bean(DiagnosisHistory.class);
      BundleCodec codec = wiring.bean(BundleCodec.class);
      var stored = Stream.of(a, b).map(run -> CompletableFuture.supplyAsync(() -> history.remember(codec.of(run.report().recorded()))))
          .toList().stream().map(CompletableFuture::join).toList();
      HistoryStore store = wiring.bean(HistoryStore.class);
      for (var r : stored) {
        assertThat(store.find(r.id())).isPresent();
      }
      assertThat(store.list(new HistoryFilter(null, null, null, 10_000))).extracting(h -> h.id())
          .contains(stored.get(0).id(), stored.get(1).id());
    }
    try (Stream<Path> dirs = Files.list(INSTANCES)) {
      assertThat(dirs.map(d -> d.getFileName().toString())).noneMatch(n -> n.startsWith("dropdx-" + ProcessHandle.current().pid() + "-"));
    }
  }
}
