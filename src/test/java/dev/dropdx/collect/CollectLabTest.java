package dev.dropdx.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.lab.LabScenario;
import dev.dropdx.support.LabScenarios;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `collect` during a live fault, then a replay of its bundle elsewhere (no host access): the same
 * verdict and cause as a live `diagnose` of the same fault, without any request missing.
 */
@LabTest
class CollectLabTest {
  private final LabWiring wiring = new LabWiring();
  private final Collector collector = wiring.bean(Collector.class);
  private final BundleCodec codec = wiring.bean(BundleCodec.class);
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 120);

  @AfterEach
  void close() {
    wiring.close();
  }

  static Stream<LabScenario> scenarios() {
    // rp-filter: conf sysctls from the dump and both route lookups; no-socket: sockets and counters;
    // gre-no-handler: the GRE handler sources replayed; the -v6 ones: IPv6's counters (/proc/net/snmp6) and routes.
    return Stream.of("rp-filter", "no-socket", "gre-no-handler", "no-socket-v6", "no-route-input-v6", "no-route-output-v6")
        .map(LabScenarios::named);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void aCollectedBundleReplaysToTheCauseLiveDiagnoseFinds(LabScenario scenario, @TempDir Path dir) {
    Path file = dir.resolve("collected.json");
    DiagnosisReport live = wiring.lab.during(scenario, line -> { }, target -> {
      CollectedEvidence collected = collector.collect(target, collector.plan(null), 3, line -> { });
      codec.write(codec.of(collected.recorded()), file);
      return wiring.engine.diagnose(target, options, line -> { });
    });

    EvidenceBundle bundle = codec.read(file);
    assertThat(bundle.verdict()).isEqualTo(EvidenceBundle.COLLECTED);
    assertThat(bundle.probes()).extracting(p -> p.probe()).contains("drop-watch", "sysctl", "route", "sockets", "counters");
    DiagnosisReport replay = wiring.engine.replay(bundle.target(), bundle.host(), bundle.probes(), options);

    assertThat(live.verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(causes(live)).first().isEqualTo(scenario.expectedCause());
    assertThat(replay.verdict()).isEqualTo(live.verdict());
    assertThat(causes(replay)).isEqualTo(causes(live));
    assertThat(replay.trail()).extracting(TrailStep::result).noneMatch(r -> r.contains("not in the bundle"));
    assertThat(Path.of("/run/netns")).isDirectory();
    assertThat(wiring.children.count()).isZero();
  }

  private static List<String> causes(DiagnosisReport report) {
    return report.diagnoses().stream().map(ExplainedDiagnosis::cause).toList();
  }
}
