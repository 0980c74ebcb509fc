package dev.dropdx.diagnosis;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.SharedLabWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import tools.jackson.databind.json.JsonMapper;

/**
 * The article's three cases, recorded as the stap backend prints them on kernels without drop
 * reasons, replay to the article's conclusions through the same steps, in the same order.
 */
class OldKernelCasesTest {
  private static final Path CASES = Path.of("knowledge-base/cases");
  @RegisterExtension
  static final SharedLabWiring WIRING = new SharedLabWiring();
  private final BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");
  private final DiagnosisOptions options = new DiagnosisOptions(30, 12, 60);

  private DiagnosisReport replay(String name) {
    EvidenceBundle b = codec.read(CASES.resolve(name));
    assertThat(b.host().hasDropReasons()).isFalse();
    assertThat(b.host().tools()).contains("stap");
    return WIRING.get().engine.replay(b.target(), b.host(), b.probes(), options);
  }

  private static List<String> steps(DiagnosisReport r) {
    return r.trail().stream().skip(1).filter(s -> !s.backend().equals("-")).map(s -> s.probe() + (s.params().containsKey("function") ? " " + s.params().get("function") : "")).toList();
  }

  @Test
  void ospfHelloToAGroupEns5NeverJoined() {
    DiagnosisReport r = replay("seed-ospf-multicast.json");
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(r.verdict().exitCode()).isZero();
    ExplainedDiagnosis d = r.diagnoses().get(0);
    assertThat(d.cause()).isEqualTo("multicast-not-joined");
    assertThat(d.title()).contains("ens5").contains("224.0.0.5");
    assertThat(d.explanation()).contains("10.10.2.4").contains("224.0.0.5 is joined on ens4").contains("returned -22")
        // Where this kernel dropped them, without the reason names newer kernels give.
        .contains("frees them at ip_rcv_finish (this kernel names no drop reason").doesNotContain("NOT_SPECIFIED");
    assertThat(d.fix()).anySatisfy(f -> assertThat(f).contains("network").contains("ens5"));
    // The article's order: location, ip_route_input_noref's return, lines of ip_route_input_rcu,
    // ip_check_mc_rcu's return, priv_flags, the mc_list walk.
    assertThat(steps(r)).containsExactly("drop-watch", "stap-return ip_route_input_noref", "stap-line-trace ip_route_input_rcu",
        "stap-return ip_check_mc_rcu", "stap-field ip_route_input_rcu", "stap-mc-walk");
    assertThat(r.drops()).singleElement().satisfies(x -> {
      assertThat(x.function()).isEqualTo("ip_rcv_finish");
      assertThat(x.match()).isEqualTo(TargetMatch.TARGET);
    });
  }

  @Test
  void greVersionFoundThroughTheModuleLoadAddresses() {
    DiagnosisReport r = replay("seed-gre-version.json");
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    ExplainedDiagnosis d = r.diagnoses().get(0);
    assertThat(d.cause()).isEqualTo("gre-version-set");
    assertThat(d.explanation()).contains("0xffffffffc099411a").contains("module gre").contains("0x3081").contains("version field (the lowest 3 bits) is 1");
    assertThat(steps(r)).containsExactly("drop-watch", "modules", "stap-line-trace gre_rcv", "stap-field gre_rcv", "stap-field gre_rcv");
  }

  @Test
  void vxlanUnderlayWithoutARouteToTheRemoteVtep() {
    DiagnosisReport r = replay("seed-vxlan-underlay.json");
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    ExplainedDiagnosis d = r.diagnoses().get(0);
    assertThat(d.cause()).isEqualTo("vxlan-underlay-no-route");
    assertThat(d.title()).contains("vxlan0").contains("vni 100").contains("10.20.30.2");
    assertThat(d.explanation()).contains("172.16.14.2").contains("vxlan_get_route() returned -101")
        .contains("at vxlan_xmit_one (this kernel names no drop reason)").doesNotContain("IP_OUTNOROUTES");
    assertThat(steps(r)).containsExactly("drop-watch", "stap-line-trace vxlan_xmit_one", "stap-return vxlan_get_route",
        "stap-field vxlan_xmit_one", "stap-field vxlan_xmit_one", "route");
  }

  @Test
  void theSavedTrailOfEachCaseIsTheOneReplayProduces() {
    for (String name : List.of("seed-ospf-multicast.json", "seed-gre-version.json", "seed-vxlan-underlay.json")) {
      EvidenceBundle b = codec.read(CASES.resolve(name));
      DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), options);
      // The cases were recorded when watch.drl chose the backend (its stap rule asked); now its one rule asks the drop watch.
      assertThat(r.trail()).extracting(TrailStep::askedBy).as(name).containsExactlyElementsOf(b.trail().stream()
          .map(s -> s.probe().equals("stap-drop-watch") ? "common: watch kfree_skb for the target's packets" : s.askedBy()).toList());
      assertThat(r.trail().get(1).backend()).as(name).isEqualTo("replay of stap");
      assertThat(r.diagnoses()).extracting(ExplainedDiagnosis::cause).as(name).containsExactlyElementsOf(b.causes());
      // Every knowledge-base placeholder is bound by the old-kernel rules.
      ExplainedDiagnosis d = r.diagnoses().get(0);
      for (String text : java.util.stream.Stream.concat(java.util.stream.Stream.of(d.title(), d.explanation()),
          java.util.stream.Stream.concat(d.fix().stream(), d.verify().stream())).toList()) {
        assertThat(text).as(name).doesNotContainPattern("\\{[A-Za-z][A-Za-z0-9_]*}");
      }
    }
  }

  @Test
  void withoutStapTheSameHostWatchesWithDropwatchAndSaysWhatItCouldNotSee() throws Exception {
    EvidenceBundle b = codec.read(CASES.resolve("seed-ospf-multicast.json"));
    HostFacts noStap = new HostFacts(b.host().kernel(), true, b.host().tracefs(), b.host().dropReasons(), List.of("dropwatch", "ip"), List.of());
    String out = Files.readString(Path.of("src/test/resources/recorded/dropwatch-kas.txt"));
    RecordedProbe dropwatch = new RecordedProbe("dropwatch", java.util.Map.of(), "dropwatch", "$ dropwatch -l kas\nexit 0\n" + out + "\n--- stderr ---\n");
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), noStap, List.of(dropwatch), options);
    assertThat(r.trail().get(1).probe()).isEqualTo("drop-watch");
    assertThat(r.trail().get(1).backend()).isEqualTo("replay of dropwatch");
    assertThat(r.trail().get(1).notes()).anySatisfy(n -> assertThat(n).contains("not which packets"));
    assertThat(r.drops()).anySatisfy(d -> {
      assertThat(d.function()).isEqualTo("ip_rcv_finish");
      assertThat(d.match()).isEqualTo(TargetMatch.UNFILTERED);
    });
    // The chain goes on where dropwatch leaves it: the next step (a stap return value) is asked, and reported as not available.
    assertThat(r.trail()).anySatisfy(s -> assertThat(s.result()).startsWith("not run"));
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
  }
}
