package dev.dropdx.batch;

import dev.dropdx.diagnosis.CannotDiagnoseException;
import dev.dropdx.diagnosis.DiagnosisEngine;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.BundleException;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.HostStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Diagnoses many bundles in one process; a bad bundle is a per-file error and the batch goes on. */
@Component
public class BatchDiagnoser {
  /**
   * Files read ahead per diagnosing thread. Each waits as a parsed bundle (tens of KB), so memory
   * stays flat however long the batch; enough that the reading thread can run ahead while the
   * rule book is still loading (RulesPreload) and the pool waits for it.
   */
  static final int READ_AHEAD = 32;
  private final BundleCodec codec;
  private final DiagnosisEngine engine;
  private final int threads;

  /**
   * @param threads bundles diagnosed at once ({@code dropdx.batch.threads}); 0 means one per CPU
   */
  public BatchDiagnoser(BundleCodec codec, DiagnosisEngine engine, @Value("${dropdx.batch.threads:0}") int threads) {
    this.codec = codec;
    this.engine = engine;
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /** The bundle files named: files as given, directories searched for *.json (sorted). */
  public List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + p, e);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }

  /**
   * Diagnoses the files on a few threads (each bundle is its own session on the shared rule book)
   * and hands the results on in the files' order, each as soon as it and those before it are known.
   * At most a few bundles per thread are in flight, so memory stays flat however long the batch.
   */
  public void run(List<Path> files, DiagnosisOptions options, Consumer<BatchResult> sink) {
    run(files, options, List.of(), sink);
  }

  /**
   * As {@link #run(List, DiagnosisOptions, Consumer)}; HOST.status.json files report a host without a bundle, and
   * each of {@code expectedHosts} that no file named is reported last as "missing", so a fleet report lists every host.
   */
  public void run(List<Path> files, DiagnosisOptions options, List<String> expectedHosts, Consumer<BatchResult> sink) {
    Set<String> seen = new HashSet<>();
    inFileOrder(files, options, r -> {
      seen.add(r.host());
      sink.accept(r);
    });
    for (String host : expectedHosts) {
      if (seen.add(host)) {
        sink.accept(BatchResult.ofHost(host, null, "missing", "no bundle and no status file: the run never reported on this host"));
      }
    }
  }

  private void inFileOrder(List<Path> files, DiagnosisOptions options, Consumer<BatchResult> sink) {
    int n = Math.min(threads, files.size());
    if (n <= 1) {
      files.forEach(f -> sink.accept(one(f, options)));
      return;
    }
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "dropdx-batch-" + names.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      Deque<Future<BatchResult>> inFlight = new ArrayDeque<>();
      Iterator<Path> next = files.iterator();
      while (next.hasNext() || !inFlight.isEmpty()) {
        // This thread reads and parses ahead while the pool diagnoses; a file that needs no
        // diagnosis (a status file, an unreadable bundle) is a result at once, kept in its place.
        while (next.hasNext() && inFlight.size() < READ_AHEAD * n) {
          Path f = next.next();
          Read read = read(f);
          inFlight.add(read.result() != null ? CompletableFuture.completedFuture(read.result())
              : pool.submit(() -> diagnose(f, read.bundle(), options)));
        }
        sink.accept(inFlight.poll().get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // one() turns every exception into a per-file error; what gets here is an Error
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One file read and diagnosed on this thread. */
  private BatchResult one(Path file, DiagnosisOptions options) {
    Read read = read(file);
    return read.result() != null ? read.result() : diagnose(file, read.bundle(), options);
  }

  /** A file read: its bundle to diagnose, or already its result (a host status file, or why it cannot be read). */
  private record Read(EvidenceBundle bundle, BatchResult result) {}

  private Read read(Path file) {
    try {
      if (file.getFileName() != null && file.getFileName().toString().endsWith(HostStatus.SUFFIX)) {
        HostStatus s = codec.readStatus(file);
        return new Read(null, BatchResult.ofHost(s.host(), file.toString(), s.status(), s.message() == null ? "(no message)" : s.message()));
      }
      return new Read(codec.read(file), null);
    } catch (BundleException e) {
      return new Read(null, new BatchResult(null, file.toString(), "error", List.of(), 2, e.getMessage()));
    } catch (CannotDiagnoseException e) {
      return new Read(null, new BatchResult(null, file.toString(), "error", List.of(), 2, file + ": " + e.getMessage()));
    } catch (RuntimeException e) {
      // A hostile file must not end the batch: report it with the file and go on.
      return new Read(null, new BatchResult(null, file.toString(), "error", List.of(), 2, file + ": cannot diagnose: " + e));
    }
  }

  private BatchResult diagnose(Path file, EvidenceBundle b, DiagnosisOptions options) {
    String host = b.hostname();
    try {
      DiagnosisReport r = engine.replay(b.target(), b.host(), b.probes(), options);
      return new BatchResult(host, file.toString(), r.verdict().id(), r.diagnoses().stream().map(ExplainedDiagnosis::cause).toList(),
          r.verdict().exitCode(), null);
    } catch (BundleException e) {
      return new BatchResult(host, file.toString(), "error", List.of(), 2, e.getMessage());
    } catch (CannotDiagnoseException e) {
      return new BatchResult(host, file.toString(), "error", List.of(), 2, file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // A hostile bundle must not end the batch: report it with the file and go on.
      return new BatchResult(host, file.toString(), "error", List.of(), 2, file + ": cannot diagnose: " + e);
    }
  }
}
