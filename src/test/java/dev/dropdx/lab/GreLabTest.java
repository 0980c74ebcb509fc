package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both GRE causes on this lab's kernel, which has no GRE handler (monolithic, CONFIG_NET_IPGRE_DEMUX
 * not set): every GRE packet drops at ip_local_deliver_finish with IP_NOPROTO. The gre_rcv version
 * check itself cannot run here; the rule tests cover it with recorded evidence.
 */
@LabTest
class GreLabTest {
  private final LabWiring wiring = new LabWiring();
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 120);

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void versionOneGreIsDiagnosedFirstAndTheMissingHandlerSecond() {
    LabRun run = wiring.lab.run(new GreVersionSetScenario(), options, line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.asExpected()).isTrue();
    List<ExplainedDiagnosis> ds = run.report().diagnoses();
    assertThat(ds).extracting(ExplainedDiagnosis::cause).containsExactly("gre-version-set", "gre-no-handler");
    assertThat(ds.get(0).explanation()).contains("0x2001").contains("version field (the lowest 3 bits) is 1")
        .contains("198.18.40.1").contains("gre-v1-rx0").contains("Loading the handler alone would not deliver them");
    assertThat(ds.get(0).fix()).anySatisfy(f -> assertThat(f).contains("Fix the sender 198.18.40.1").contains("0x2000"));
    assertThat(ds.get(0).verify()).anySatisfy(v -> assertThat(v).contains("ip netns exec dropdx-lab-gre-v1-rx tcpdump -ni gre-v1-rx0"));
    assertThat(ds.get(1).explanation()).contains("IP_NOPROTO").contains("IpInUnknownProtos (it rose by").contains("version 1");
    assertThat(run.report().drops()).anySatisfy(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.function()).isEqualTo("ip_local_deliver_finish");
      assertThat(d.reason()).isEqualTo("IP_NOPROTO");
      assertThat(d.iface()).isEqualTo("gre-v1-rx0");
    });
    assertThat(run.report().trail()).extracting(s -> s.probe()).containsExactly("host", "drop-watch", "capture", "gre-handler");
    assertLabGone("dropdx-lab-gre-v1-rx", "dropdx-lab-gre-v1-tx");
  }

  @Test
  void versionZeroGreToAKernelWithoutTheHandlerIsOnlyNoHandler() {
    LabRun run = wiring.lab.run(new GreNoHandlerScenario(), options, line -> { });
    assertThat(run.report().verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(run.report().diagnoses()).singleElement().satisfies(d -> {
      assertThat(d.cause()).isEqualTo("gre-no-handler");
      assertThat(d.explanation()).contains("198.18.41.1").contains("gre-nh-rx0").contains("IP_NOPROTO")
          .contains("built without it").doesNotContain("The captured GRE header also has version");
      assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("CONFIG_NET_IPGRE_DEMUX"));
      assertThat(d.fix()).anySatisfy(f -> assertThat(f)
          .contains("ip -n dropdx-lab-gre-nh-rx link add gre1 type gre local 198.18.41.2 remote 198.18.41.1"));
    });
    // The capture ran before the conclusion and saw a well-formed version 0 header: the handler is the only problem.
    assertThat(run.report().trail()).anySatisfy(s -> {
      assertThat(s.probe()).isEqualTo("capture");
      assertThat(s.result()).contains("version 0");
    });
    assertLabGone("dropdx-lab-gre-nh-rx", "dropdx-lab-gre-nh-tx");
  }

  private void assertLabGone(String... namespaces) {
    for (String ns : namespaces) {
      assertThat(Path.of("/run/netns", ns)).doesNotExist();
    }
    assertThat(wiring.instances.openCount()).isZero();
    assertThat(wiring.children.count()).isZero();
  }
}
