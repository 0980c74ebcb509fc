package dev.dropdx.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.cli.TextReport;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.NamespaceDiagnosis;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.fact.Target;
import dev.dropdx.lab.LabNetwork;
import dev.dropdx.lab.LabSetUp;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `collect --all-netns` live, as AllNetnsLabTest does `diagnose --all-netns`: one named namespace
 * with an rp-filter fault, one bare process namespace (a container) with a no-socket fault, and a
 * healthy one. The one bundle holds the host-wide watch and each faulty namespace's evidence
 * recorded inside it; its replay, anywhere, diagnoses both faults in their namespaces and lists
 * nothing for the healthy one. Other helpers' labs may drop packets on this host at the same time:
 * the assertions are on these namespaces only.
 */
@LabTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectAllNetnsLabTest {
  private final LabWiring wiring = new LabWiring();
  private final Collector collector = wiring.bean(Collector.class);
  private final BundleCodec codec = wiring.bean(BundleCodec.class);

  @AfterAll
  void close() {
    wiring.close();
  }

  @Test
  void oneBundleHoldsEveryFaultyNamespaceAndReplaysToBothCauses(@TempDir Path dir) throws Exception {
    List<LabNetwork> nets = new ArrayList<>();
    CollectedEvidence collected;
    String container;
    Path file = dir.resolve("all.json");
    try {
      build("rp-filter", nets);
      container = build("no-socket-container", nets).netns();
      build("clean", nets);
      Thread.sleep(1000); // let the traffic start
      collected = collector.collect(new Target(null, null, null, null, null, Target.ALL_NETNS), collector.plan(null), 3, line -> { });
      codec.write(codec.of(collected.recorded()), file);
    } finally {
      nets.forEach(LabNetwork::close);
    }

    // What collect says it saved: both faulty namespaces, each with evidence read inside it; not the healthy ones.
    assertThat(collected.namespaces()).extracting(n -> n.namespace().id()).contains("dropdx-lab-rpf-rx", container)
        .noneMatch(id -> id.startsWith("dropdx-lab-clean-") || id.equals("dropdx-lab-rpf-tx") || id.equals("dropdx-lab-nsc-tx"));
    CollectedNamespace bare = collected.namespaces().stream().filter(n -> n.namespace().id().equals(container)).findFirst().orElseThrow();
    assertThat(bare.drops()).extracting(d -> d.reason()).contains("NO_SOCKET");
    assertThat(bare.probes()).isGreaterThan(3);
    assertThat(collected.probes()).filteredOn(p -> p.probe().equals("sockets")).extracting(p -> p.params().get("netns")).contains(container);
    // The watch is the host-wide one diagnose --all-netns asks for; nothing was asked of "the target's namespace" (there is none).
    assertThat(collected.probes()).filteredOn(p -> p.probe().equals("drop-watch")).singleElement()
        .satisfies(p -> assertThat(p.params()).containsEntry("netns", Target.ALL_NETNS));
    assertThat(collected.probes()).extracting(RecordedProbe::params).noneMatch(p -> Target.ALL_NETNS.equals(p.get("netns")) && p.size() > 1);

    // Anywhere, no host access: the same table as a live diagnose --all-netns, with both causes.
    EvidenceBundle bundle = codec.read(file);
    assertThat(bundle.verdict()).isEqualTo(EvidenceBundle.COLLECTED);
    assertThat(bundle.target().allNetns()).isTrue();
    DiagnosisReport r = wiring.engine.replay(bundle.target(), bundle.host(), bundle.probes(), new DiagnosisOptions(3, 80, 240));
    String text = TextReport.render(r);
    assertThat(find(r, "dropdx-lab-rpf-rx", "IP_RPFILTER", text).cause()).as(text).isEqualTo("rp-filter");
    assertThat(find(r, container, "NO_SOCKET", text).cause()).as(text).isEqualTo("no-socket");
    assertThat(r.namespaces()).extracting(n -> n.namespace().id()).as(text)
        .noneMatch(ns -> ns.startsWith("dropdx-lab-clean-") || ns.equals("dropdx-lab-rpf-tx") || ns.equals("dropdx-lab-nsc-tx"));
    assertThat(wiring.children.count()).isZero();
  }

  private LabNetwork net(List<LabNetwork> nets) {
    LabNetwork net = new LabNetwork(wiring.runner, wiring.children);
    nets.add(net);
    return net;
  }

  private Target build(String name, List<LabNetwork> nets) {
    return LabSetUp.build(wiring.lab.find(name).orElseThrow(), net(nets));
  }

  private static NamespaceDiagnosis find(DiagnosisReport r, String netns, String reason, String text) {
    return r.namespaces().stream().filter(n -> n.namespace().id().equals(netns) && n.reason().equals(reason)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + reason + " row for " + netns + " in\n" + text));
  }
}
