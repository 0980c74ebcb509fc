package dev.dropdx.batch;

import dev.dropdx.diagnosis.DiagnosisEngine;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.rules.RuleBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Runs a team's rule cases ({@code *.case.json} under a directory) against a rule book, offline. */
@Component
public class RuleCases {
  private final BundleCodec codec;
  private final DiagnosisEngine engine;
  private final JsonMapper json;

  public RuleCases(BundleCodec codec, DiagnosisEngine engine, JsonMapper json) {
    this.codec = codec;
    this.engine = engine;
    this.json = json;
  }

  /** The case files under a directory, sorted. */
  public List<Path> find(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".case.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list cases in " + dir, e);
    }
  }

  /** Runs each case; a broken case fails on its own, the others still run. */
  public List<RuleCaseResult> run(RuleBook book, List<Path> cases) {
    List<RuleCaseResult> results = new ArrayList<>();
    for (Path file : cases) {
      results.add(one(book, file));
    }
    return results;
  }

  private RuleCaseResult one(RuleBook book, Path file) {
    String name = file.getFileName().toString();
    RuleCase c;
    try {
      c = json.readValue(file.toFile(), RuleCase.class);
    } catch (RuntimeException e) {
      return new RuleCaseResult(name, false, "a readable case", "unreadable case file: " + e.getMessage().lines().findFirst().orElse(""));
    }
    String expected = c.verdict() + (c.cause() == null ? "" : " " + c.cause());
    if (c.bundle() == null || c.verdict() == null) {
      return new RuleCaseResult(name, false, "bundle and verdict", "case file lacks \"bundle\" or \"verdict\"");
    }
    try {
      EvidenceBundle b = codec.read(file.getParent().resolve(c.bundle()));
      DiagnosisReport r = engine.replay(book, b.target(), b.host(), b.probes(), new DiagnosisOptions(5, 12, 60));
      List<String> causes = r.diagnoses().stream().map(d -> d.cause()).toList();
      String got = r.verdict().id() + (causes.isEmpty() ? "" : " " + String.join(",", causes));
      boolean ok = r.verdict().id().equals(c.verdict()) && (c.cause() == null || causes.contains(c.cause()));
      return new RuleCaseResult(name, ok, expected, got);
    } catch (RuntimeException e) {
      return new RuleCaseResult(name, false, expected, "error: " + e.getMessage());
    }
  }
}
