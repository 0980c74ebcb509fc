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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Diagnoses many bundles in one process; a bad bundle is a per-file error and the batch goes on. */
@Component
public class BatchDiagnoser {
  /**
   * Files in flight per diagnosing thread. Each waits at most as a parsed bundle (tens of KB), so
   * memory stays flat however long the batch; enough that the calling thread can parse well ahead
   * while the rule book is still loading ({@link RulesPreload}) and the pool waits for it.
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
      Deque<Job> inFlight = new ArrayDeque<>();
      Iterator<Path> next = files.iterator();
      while (next.hasNext() || !inFlight.isEmpty()) {
        while (next.hasNext() && inFlight.size() < READ_AHEAD * n) {
          Path f = next.next();
          FutureTask<Read> read = new FutureTask<>(() -> read(f));
          inFlight.add(new Job(read, pool.submit(() -> {
            read.run(); // parses here unless this thread's read-ahead already did (or is doing) it
            return result(f, done(read), options);
          })));
        }
        // While the first result is not ready, this thread reads and parses the files after it, so
        // parsing overlaps the rule book load and the pool keeps to diagnosing; a pool thread that
        // reaches a file first parses it itself, so the pool scales with the cores.
        Job first = inFlight.peek();
        for (Job job : inFlight) {
          if (first.result().isDone()) {
            break;
          }
          job.read().run();
        }
        sink.accept(done(inFlight.poll().result()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdownNow();
    }
  }

  /** A file in flight: its read (run once, by whichever thread comes first) and its result. */
  private record Job(FutureTask<Read> read, Future<BatchResult> result) {}

  /** The value of a finished task; read() and diagnose() turn every exception into a per-file error, so what fails here is an Error. */
  private static <T> T done(Future<T> task) throws InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private BatchResult result(Path file, Read read, DiagnosisOptions options) {
    return read.result() != null ? read.result() : diagnose(file, read.bundle(), options);
  }

  /** One file read and diagnosed on this thread. */
  private BatchResult one(Path file, DiagnosisOptions options) {
    return result(file, read(file), options);
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
