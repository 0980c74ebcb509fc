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
class NetfilterDropLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void anIptablesDropRuleIsDiagnosedLiveWithTheRuleAndTheCommandToDeleteIt() {
    LabRun run = wiring.lab.run(new NetfilterDropScenario(), new DiagnosisOptions(3, 12, 120), line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).first().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("netfilter-drop");
      assertThat(d.explanation()).contains("table filter").contains("chain INPUT").contains("-p udp -m udp --dport 5062 -j DROP")
          .contains("on nf-rx0").contains("198.18.62.2");
      assertThat(d.fix()).anySatisfy(f ->
          assertThat(f).contains("ip netns exec dropdx-lab-nf-rx iptables -t filter -D INPUT -p udp -m udp --dport 5062 -j DROP"));
      assertThat(d.verify()).anySatisfy(v -> assertThat(v).contains("iptables -t filter -L INPUT -v -n -x"));
    });
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.reason()).isEqualTo("NETFILTER_DROP");
      assertThat(d.iface()).isEqualTo("nf-rx0");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).startsWith("host", "drop-watch").contains("netfilter");
    assertThat(Path.of("/run/netns/dropdx-lab-nf-rx")).doesNotExist();
    assertThat(wiring.children.count()).isZero();
  }
}
