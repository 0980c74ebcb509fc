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
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** Runs a team's rule cases ({@code *.case.json} under a directory) against a rule book, offline. */
@Component
public class RuleCases {
  private final BundleCodec codec;
  private final DiagnosisEngine engine;
  private static final String KEYS = "bundle, verdict, cause, causes, notCauses";
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
    Map<String, Integer> keyLines = new HashMap<>();
    try {
      String text = Files.readString(file);
      JsonMapper strict = strict();
      try (JsonParser p = strict.createParser(text)) {
        while (p.nextToken() != null) {
          if (p.currentToken() == JsonToken.PROPERTY_NAME && p.streamReadContext().getParent().inRoot()) {
            keyLines.putIfAbsent(p.currentName(), p.currentTokenLocation().getLineNr());
          }
        }
      }
      c = strict.readValue(text, RuleCase.class);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
      String why = e.getOriginalMessage().lines().findFirst().orElse("not valid JSON");
      if (e instanceof UnrecognizedPropertyException u) {
        line = keyLines.getOrDefault(u.getPropertyName(), line);
        why = "unknown key \"" + u.getPropertyName() + "\" (known: " + KEYS + ")";
      }
      return RuleCaseResult.broken(name, "a valid case", "invalid case file", List.of(file + ":" + line + ": " + why));
    } catch (IOException e) {
      return RuleCaseResult.broken(name, "a valid case", "unreadable case file", List.of(file + ": " + e.getMessage()));
    }
    String expected = c.describe();
    if (c.bundle() == null || !c.expectsSomething()) {
      return RuleCaseResult.broken(name, expected, "incomplete case file",
          List.of(file + ":1: a case needs \"bundle\" and at least one of \"verdict\", \"causes\" (or \"cause\"), \"notCauses\""));
    }
    try {
      EvidenceBundle b = codec.read(file.getParent().resolve(c.bundle()));
      DiagnosisReport r = engine.replay(book, b.target(), b.host(), b.probes(), new DiagnosisOptions(5, 12, 60));
      List<String> causes = r.diagnoses().stream().map(d -> d.cause()).toList();
      String got = r.verdict().id() + (causes.isEmpty() ? "" : " " + String.join(",", causes));
      List<String> failures = new ArrayList<>();
      if (c.verdict() != null && !r.verdict().id().equals(c.verdict())) {
        failures.add("verdict: expected " + c.verdict() + ", got " + r.verdict().id());
      }
      c.requiredCauses().stream().filter(x -> !causes.contains(x)).forEach(x -> failures.add("required cause not proven: " + x));
      c.notCauses().stream().filter(causes::contains).forEach(x -> failures.add("forbidden cause proven: " + x));
      return new RuleCaseResult(name, failures.isEmpty(), expected, got, failures);
    } catch (RuntimeException e) {
      return RuleCaseResult.broken(name, expected, "error: " + e.getMessage(), List.of("error: " + e.getMessage()));
    }
  }

  private JsonMapper strict() {
    return json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }
}
