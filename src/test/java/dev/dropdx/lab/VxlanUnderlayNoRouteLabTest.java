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
class VxlanUnderlayNoRouteLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void theMissingUnderlayRouteToTheRemoteVtepIsDiagnosedLive() {
    LabRun run = wiring.lab.run(new VxlanUnderlayNoRouteScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("vxlan-underlay-no-route");
      assertThat(d.explanation()).contains("vx0").contains("198.19.9.9").contains("vxlan_xmit_one").contains("vx-ul0")
          .contains("at vxlan_xmit_one with reason IP_OUTNOROUTES");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("ip -n dropdx-lab-vx-tun route add 198.19.9.9/32 via GATEWAY dev vx-ul0"));
      assertThat(d.verify()).anySatisfy(v -> assertThat(v).contains("ip -n dropdx-lab-vx-tun route get 198.19.9.9"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.function()).isEqualTo("vxlan_xmit_one");
      assertThat(d.reason()).isEqualTo("IP_OUTNOROUTES");
      assertThat(d.iface()).isEqualTo("vx0");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).contains("drop-watch", "vxlan-link", "route", "local-addresses");
    assertThat(Path.of("/run/netns/" + VxlanUnderlayNoRouteScenario.NS)).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
