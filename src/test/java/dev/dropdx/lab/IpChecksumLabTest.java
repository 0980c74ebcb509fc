package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@LabTest
class IpChecksumLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void aBadIpHeaderChecksumIsDiagnosedLiveWithTheCounters() {
    LabRun run = wiring.lab.run(new IpChecksumScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("ip-checksum");
      assertThat(d.explanation()).contains("ck-rx0").contains("198.18.10.1").contains("IpExtInCsumErrors");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("ip netns exec dropdx-lab-ck-rx tcpdump -n -vv").contains("bad cksum"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("IP_CSUM");
      assertThat(d.function()).isEqualTo("ip_rcv_core");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).contains("drop-watch", "counters");
    assertThat(Path.of("/run/netns/dropdx-lab-ck-rx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
