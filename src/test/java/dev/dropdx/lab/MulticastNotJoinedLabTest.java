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
class MulticastNotJoinedLabTest {
  private final LabWiring wiring = new LabWiring();
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 120);

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void ospfHellosToAGroupJoinedOnlyOnAnotherInterfaceAreDiagnosedLive() {
    LabRun run = wiring.lab.run(new MulticastNotJoinedScenario(), options, line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.asExpected()).isTrue();
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("multicast-not-joined");
      assertThat(d.explanation())
          .contains("arrived on mc-rx0")
          .contains("224.0.0.5 is joined on mc-alt0")
          .contains("OSPF (IP protocol 89)")
          .contains("Invalid argument")
          .contains("frees them at ip_rcv_finish_core with reason NOT_SPECIFIED");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("network <SUBNET-OF-mc-rx0> area"));
      assertThat(d.verify()).anySatisfy(v -> assertThat(v).contains("ip -n dropdx-lab-mc-rx maddr show dev mc-rx0"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.function()).isEqualTo("ip_rcv_finish_core");
      assertThat(d.reason()).isEqualTo("NOT_SPECIFIED");
      assertThat(d.iface()).isEqualTo("mc-rx0");
      assertThat(d.dst()).isEqualTo("224.0.0.5");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).startsWith("host", "drop-watch").contains("igmp", "route")
        .doesNotContain("sysctl");
    assertThat(Path.of("/run/netns/dropdx-lab-mc-rx")).doesNotExist();
    assertThat(Path.of("/run/netns/dropdx-lab-mc-tx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
