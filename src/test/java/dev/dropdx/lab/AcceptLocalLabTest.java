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
class AcceptLocalLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void aForgedOwnSourceIsDiagnosedLiveAsAcceptLocalOff() {
    LabRun run = wiring.lab.run(new AcceptLocalScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("accept-local");
      assertThat(d.explanation()).contains("198.18.51.1").contains("al-alt0").contains("al-rx0").contains("IP_LOCAL_SOURCE");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("ip netns exec dropdx-lab-al-rx sysctl -w net.ipv4.conf.al-rx0.accept_local=1"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("IP_LOCAL_SOURCE");
      assertThat(d.iface()).isEqualTo("al-rx0");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).contains("drop-watch", "local-addresses", "sysctl", "route");
    assertThat(Path.of("/run/netns/dropdx-lab-al-rx")).doesNotExist();
    assertThat(Path.of("/run/netns/dropdx-lab-al-tx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
