package dev.dropdx.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.support.SharedLabWiring;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bundles recorded live (lab, 09:59 on 2026-12-03) by the dropdx before the rules asked their
 * counters over 0.5 s: counters and xfrm_stat read 1 s apart, gre-handler's IpInUnknownProtos 1 s
 * apart. Today's rules replay them to the same diagnosis, and the evidence keeps the recorded 1 s.
 */
class OneSecondBundlesReplayTest {
  @RegisterExtension
  static final SharedLabWiring WIRING = new SharedLabWiring();
  private final BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");

  @ParameterizedTest
  @CsvSource({
      "ttl-expired, counters, IpInHdrErrors, 'in 1.0 s'",
      "no-socket, counters, UdpNoPorts, 'in 1.0 s'",
      "xfrm-policy, xfrm, XfrmInPolBlock, 'in 1.0 s'",
      "gre-version-set, gre-handler, IpInUnknownProtos, 'in 1 s'"})
  void aOneSecondRecordingReplaysToTheSameDiagnosisAndSaysOneSecond(String name, String probe, String counter, String said) {
    EvidenceBundle b = codec.read(Path.of("src/test/resources/bundles/" + name + "-1s.json"));
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 12, 60));
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(r.diagnoses()).extracting(d -> d.cause()).containsExactlyElementsOf(b.causes());
    assertThat(r.trail()).filteredOn(s -> s.probe().equals(probe)).singleElement()
        .satisfies(s -> assertThat(s.backend()).startsWith("replay of"));
    String text = dev.dropdx.cli.TextReport.render(r);
    assertThat(text).containsPattern(counter + "[^\\n]*" + java.util.regex.Pattern.quote(said)).doesNotContain("in 0.5 s");
  }
}
