package dev.dropdx.diagnosis;

import dev.dropdx.batch.BatchDiagnoser;
import dev.dropdx.batch.BatchResult;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.SharedLabWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import tools.jackson.databind.json.JsonMapper;

/** Replay and batch on recorded bundles: no root, no host access. */
class ReplayTest {
  private static final Path RECORDED = Path.of("src/test/resources/bundles/rp-filter.json");
  @RegisterExtension
  static final SharedLabWiring WIRING = new SharedLabWiring();
  private final BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 60);

  @Test
  void aRecordedLiveRpFilterBundleReplaysToTheSameDiagnosis() {
    EvidenceBundle b = codec.read(RECORDED);
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), options);
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(r.diagnoses().get(0).cause()).isEqualTo(b.causes().get(0));
    // Other namespaces' drops recorded in the same window are attributed and ignored, not counted.
    assertThat(r.drops()).anySatisfy(d -> assertThat(d.match()).isEqualTo(TargetMatch.OTHER));
    assertThat(r.trail()).extracting(TrailStep::backend).anySatisfy(x -> assertThat(x).startsWith("replay of"));
    // A proven cause: no "what is known" section, in any format.
    assertThat(r.unexplained()).isEmpty();
    assertThat(dev.dropdx.cli.TextReport.render(r)).doesNotContain("What is known");
    assertThat(dev.dropdx.cli.MarkdownReport.render(r)).doesNotContain("What is known");
    assertThat(dev.dropdx.cli.ReportView.of(r).unexplained()).isEmpty();
  }

  @Test
  void evidenceTheBundleLacksIsReportedNotGuessed() {
    EvidenceBundle b = codec.read(RECORDED);
    var onlyWatch = b.probes().stream().filter(p -> p.probe().equals("drop-watch")).toList();
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), onlyWatch, options);
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.trail()).extracting(TrailStep::result).anySatisfy(x -> assertThat(x).startsWith("not run: not in the bundle"));
    // What the recorded drops show is still said: IP_RPFILTER's page with the live interface, source and namespace.
    assertThat(r.unexplained()).singleElement().satisfies(u -> {
      assertThat(u.reason()).isEqualTo("IP_RPFILTER");
      assertThat(u.netns()).isEqualTo("dropdx-lab-rpf-rx");
      assertThat(u.causes()).containsExactly("rp-filter");
      assertThat(u.checks()).contains("ip -n dropdx-lab-rpf-rx route get 198.18.2.1   (the way back to the source: is its dev rpf-rx0?)");
      assertThat(u.countersNotRead()).containsExactly("TcpExtIPReversePathFilter");
    });
  }

  @Test
  void aBatchGoesOnPastBadBundlesAndReportsEachByFile(@TempDir Path dir) throws Exception {
    Files.copy(RECORDED, dir.resolve("a-good.json"));
    Files.writeString(dir.resolve("b-truncated.json"), Files.readString(RECORDED).substring(0, 500));
    Files.writeString(dir.resolve("c-future.json"), "{\"dropdx-bundle\": 2, \"target\": {}, \"host\": {}}");
    Files.writeString(dir.resolve("d-hostile.json"), "{\"dropdx-bundle\": 1, \"target\": {\"netns\": \"$(reboot)\"}, \"host\": {},"
        + " \"probes\": [{\"probe\": \"drop-watch\", \"params\": {}, \"backend\": \"x\", \"raw\": \"garbage\"}]}");
    Files.copy(RECORDED, dir.resolve("e-good.json"));
    BatchDiagnoser batch = new BatchDiagnoser(codec, WIRING.get().engine, 0);
    List<BatchResult> results = new ArrayList<>();
    batch.run(batch.expand(List.of(dir)), options, results::add);
    assertThat(results).extracting(BatchResult::verdict).containsExactly("diagnosed", "error", "error", "error", "diagnosed");
    assertThat(results.get(1).error()).contains("b-truncated.json");
    assertThat(results.get(2).error()).contains("newer dropdx");
    assertThat(results.get(3).error()).contains("d-hostile.json");
    assertThat(results.stream().mapToInt(x -> BatchResult.severity(x.exitCode())).max().orElseThrow()).isEqualTo(BatchResult.severity(2));
  }

  @Test
  void aFleetBatchListsEveryHostFromBundlesStatusFilesAndTheExpectedList(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("r1.json"), Files.readString(RECORDED).replaceFirst("\"hostname\" *: *\"[^\"]*\"", "\"hostname\" : \"r1\""));
    Files.writeString(dir.resolve("r4.status.json"),
        "{\"dropdx-host-status\": 1, \"host\": \"r4\", \"status\": \"unreachable\", \"message\": \"Connection refused\"}");
    Files.writeString(dir.resolve("r5.status.json"), "{\"dropdx-host-status\": 1, \"host\": \"r5\", \"status\": \"exploded\"}");
    BatchDiagnoser batch = new BatchDiagnoser(codec, WIRING.get().engine, 0);
    List<BatchResult> results = new ArrayList<>();
    batch.run(batch.expand(List.of(dir)), options, List.of("r1", "r4", "r6"), results::add);
    assertThat(results).extracting(BatchResult::host).containsExactly("r1", "r4", null, "r6");
    assertThat(results).extracting(BatchResult::verdict).containsExactly("diagnosed", "unreachable", "error", "missing");
    assertThat(results).extracting(BatchResult::exitCode).containsExactly(0, 1, 2, 1);
    assertThat(results.get(1).error()).isEqualTo("r4: unreachable: Connection refused");
    assertThat(results.get(2).error()).contains("r5.status.json", "exploded");
    assertThat(results.get(3).file()).isNull();
    assertThat(results.get(0).group()).isEqualTo("rp-filter");
    assertThat(results.get(1).group()).isEqualTo("unreachable");
  }

  @Test
  void bundlesCarryTheConfiguredHostNameElseTheKernels() throws Exception {
    EvidenceBundle b = codec.read(RECORDED);
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), options);
    assertThat(new BundleCodec(JsonMapper.builder().build(), "rack7-leaf2").of(r.recorded()).hostname()).isEqualTo("rack7-leaf2");
    assertThat(new BundleCodec(JsonMapper.builder().build(), " ").of(r.recorded()).hostname())
        .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
  }
}
