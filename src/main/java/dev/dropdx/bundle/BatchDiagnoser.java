package dev.dropdx.bundle;

import dev.dropdx.diagnosis.CannotDiagnoseException;
import dev.dropdx.diagnosis.DiagnosisEngine;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Diagnoses many bundles in one process; a bad bundle is a per-file error and the batch goes on. */
@Component
public class BatchDiagnoser {
  private final BundleCodec codec;
  private final DiagnosisEngine engine;

  public BatchDiagnoser(BundleCodec codec, DiagnosisEngine engine) {
    this.codec = codec;
    this.engine = engine;
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

  /** Diagnoses each file in order, handing each result on as soon as it is known (nothing is held back). */
  public void run(List<Path> files, DiagnosisOptions options, Consumer<BatchResult> sink) {
    run(files, options, List.of(), sink);
  }

  /**
   * As {@link #run(List, DiagnosisOptions, Consumer)}; HOST.status.json files report a host without a bundle, and
   * each of {@code expectedHosts} that no file named is reported last as "missing", so a fleet report lists every host.
   */
  public void run(List<Path> files, DiagnosisOptions options, List<String> expectedHosts, Consumer<BatchResult> sink) {
    Set<String> seen = new HashSet<>();
    for (Path f : files) {
      BatchResult r = one(f, options);
      seen.add(r.host());
      sink.accept(r);
    }
    for (String host : expectedHosts) {
      if (seen.add(host)) {
        sink.accept(BatchResult.ofHost(host, null, "missing", "no bundle and no status file: the run never reported on this host"));
      }
    }
  }

  private BatchResult one(Path file, DiagnosisOptions options) {
    String host = null;
    try {
      if (file.getFileName() != null && file.getFileName().toString().endsWith(HostStatus.SUFFIX)) {
        HostStatus s = codec.readStatus(file);
        return BatchResult.ofHost(s.host(), file.toString(), s.status(), s.message() == null ? "(no message)" : s.message());
      }
      EvidenceBundle b = codec.read(file);
      host = b.hostname();
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
