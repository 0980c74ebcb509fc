package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.support.LabWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The compiled-rules cache: a hit behaves like a compile; edits and damage lead back to compiling. */
class RuleBookCacheTest {
  private static final List<Path> BUNDLES = List.of(Path.of("src/test/resources/bundles/rp-filter.json"),
      Path.of("knowledge-base/cases/seed-ospf-multicast.json"), Path.of("knowledge-base/cases/seed-gre-version.json"),
      Path.of("knowledge-base/cases/seed-vxlan-underlay.json"));

  @Test
  void aCacheHitDiagnosesEveryRecordedBundleLikeAFreshCompile(@TempDir Path cacheDir) {
    List<Path> dirs = List.of(Path.of("rules"), Path.of("examples/team-mark-policy"));
    RuleBookLoader loader = new RuleBookLoader(new RuleBookCache(cacheDir));
    RuleBook compiled = loader.load(dirs);
    RuleBook hit = loader.load(dirs);
    assertThat(compiled.cached()).isFalse();
    assertThat(hit.cached()).isTrue();
    assertThat(hit.rules()).isEqualTo(compiled.rules());
    BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");
    try (LabWiring wiring = new LabWiring()) {
      for (Path file : BUNDLES) {
        EvidenceBundle b = codec.read(file);
        assertThat(summary(wiring, hit, b)).as(file.toString()).isEqualTo(summary(wiring, compiled, b)).contains("diagnosed");
      }
    }
  }

  @Test
  void editingARuleFileCompilesAgainAndABrokenEditIsStillReportedByFileAndLine(@TempDir Path tmp) throws IOException {
    Path rules = copyOfBuiltInRules(tmp);
    RuleBookLoader loader = new RuleBookLoader(new RuleBookCache(tmp.resolve("cache")));
    loader.load(List.of(rules));
    assertThat(loader.load(List.of(rules)).cached()).isTrue();

    Path file = rules.resolve("rp-filter/reasons.drl");
    Files.writeString(file, Files.readString(file).replace("rule \"rp-filter:", "rule \"rp-filter-edited:"));
    RuleBook edited = loader.load(List.of(rules));
    assertThat(edited.cached()).isFalse();
    assertThat(edited.rules()).extracting(RuleInfo::name).anySatisfy(n -> assertThat(n).startsWith("rp-filter-edited:"));

    Files.writeString(file, Files.readString(file) + "\nrule \"half\"\nwhen\n    Drop( reason == \nthen\nend\n");
    assertThatThrownBy(() -> loader.load(List.of(rules))).isInstanceOf(RuleBookException.class)
        .hasMessageContaining("rp-filter/reasons.drl:");
  }

  @Test
  void aCorruptCacheFileFallsBackToCompilingAndIsReplaced(@TempDir Path tmp) throws IOException {
    Path rules = copyOfBuiltInRules(tmp);
    RuleBookLoader loader = new RuleBookLoader(new RuleBookCache(tmp.resolve("cache")));
    RuleBook first = loader.load(List.of(rules));
    Path entry;
    try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
      entry = files.filter(f -> f.toString().endsWith(".kpkgs")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    RuleBook again = loader.load(List.of(rules));
    assertThat(again.cached()).isFalse();
    assertThat(again.rules()).isEqualTo(first.rules());
    assertThat(loader.load(List.of(rules)).cached()).isTrue();
  }

  private static String summary(LabWiring wiring, RuleBook book, EvidenceBundle b) {
    DiagnosisReport r = wiring.engine.replay(book, b.target(), b.host(), b.probes(), new DiagnosisOptions(5, 12, 60));
    return r.verdict().id() + " " + r.diagnoses().stream().map(d -> d.cause()).toList() + " "
        + r.trail().stream().map(s -> s.probe() + s.params() + " by " + s.askedBy() + ": " + s.result()).toList();
  }

  private static Path copyOfBuiltInRules(Path tmp) throws IOException {
    Path from = Path.of("rules");
    Path to = tmp.resolve("rules");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    return to;
  }
}
