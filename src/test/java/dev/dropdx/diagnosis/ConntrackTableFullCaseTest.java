package dev.dropdx.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.support.SharedLabWiring;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * conntrack-table-full cannot be made in a lab namespace (nf_conntrack_max is read-only there), so
 * it is proven on a recorded bundle: NETFILTER_DROP at nf_hook_slow, no rule counted, conntrack's
 * drop counter up and the table at its limit. The same bundle with the table drained is no proof.
 */
class ConntrackTableFullCaseTest {
  private static final Path CASE = Path.of("knowledge-base/cases/conntrack-table-full.json");
  @RegisterExtension
  static final SharedLabWiring WIRING = new SharedLabWiring();
  private final BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");
  private final DiagnosisOptions options = new DiagnosisOptions(30, 12, 60);

  private DiagnosisReport replay(List<RecordedProbe> probes) {
    EvidenceBundle b = codec.read(CASE);
    return WIRING.get().engine.replay(b.target(), b.host(), probes, options);
  }

  @Test
  void aFullTableWithConntrackDropsAndNoCountingRuleIsDiagnosed() {
    DiagnosisReport r = replay(codec.read(CASE).probes());
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(r.diagnoses()).singleElement().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("conntrack-table-full");
      assertThat(d.explanation()).contains("262144 entries against a limit of 262144")
          .contains("1624 such drops");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("sysctl -w net.netfilter.nf_conntrack_max=524288"));
    });
    assertThat(r.trail()).extracting(s -> s.probe()).containsSubsequence("drop-watch", "netfilter", "sysctl", "conntrack-stat");
  }

  @Test
  void nearMissTheSameEvidenceWithTheTableDrainedIsNotDiagnosed() {
    List<RecordedProbe> probes = codec.read(CASE).probes().stream().map(p -> !p.probe().equals("sysctl") ? p
        : new RecordedProbe(p.probe(), p.params(), p.backend(), p.raw().replace("nf_conntrack_count = 262144", "nf_conntrack_count = 1800")))
        .toList();
    DiagnosisReport r = replay(probes);
    assertThat(r.verdict()).isNotEqualTo(Verdict.DIAGNOSED);
    assertThat(r.diagnoses()).isEmpty();
  }
}
