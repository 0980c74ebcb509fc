package dev.dropdx.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.cli.ReportView;
import dev.dropdx.cli.TextReport;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.NamespaceDiagnosis;
import dev.dropdx.diagnosis.NamespaceRow;
import dev.dropdx.diagnosis.Verdict;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.fact.Target;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * issue 15's "done when", live: `diagnose --all-netns --window 3` on a host with two faulty
 * namespaces, one named (rp-filter in dropdx-lab-rpf-rx) and one a bare process namespace (a
 * container: no-socket behind an unshare'd sleep), and a healthy one (clean) lists both faults
 * with their namespaces and causes, and nothing for the healthy one. Other helpers' labs may drop
 * packets on this host at the same time: the assertions are on these namespaces' rows only.
 */
@LabTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllNetnsLabTest {
  private final LabWiring wiring = new LabWiring();

  @AfterAll
  void close() {
    wiring.close();
  }

  @Test
  void everyNamespaceIsWatchedAndEachFaultIsDiagnosedInItsOwnNamespace() throws Exception {
    List<LabNetwork> nets = new ArrayList<>();
    DiagnosisReport r;
    String container;
    try {
      build("rp-filter", nets);
      container = build("no-socket-container", nets).netns();
      build("clean", nets);
      Thread.sleep(1000); // let the traffic start
      // A generous budget: unrelated namespaces with more dropped packets may be diagnosed first.
      r = wiring.engine.diagnose(new Target(null, null, null, null, null, Target.ALL_NETNS), new DiagnosisOptions(3, 80, 240), line -> { });
    } finally {
      nets.forEach(LabNetwork::close);
    }
    String text = TextReport.render(r);
    assertThat(container).startsWith("pid:");
    long pid = Long.parseLong(container.substring(4));

    NamespaceDiagnosis named = find(r, "dropdx-lab-rpf-rx", "IP_RPFILTER", text);
    assertThat(named.cause()).as(text).isEqualTo("rp-filter");
    assertThat(named.report().trail()).extracting(s -> s.probe()).contains("sysctl");

    NamespaceDiagnosis bare = find(r, container, "NO_SOCKET", text);
    assertThat(bare.namespace().name()).isEmpty();
    assertThat(bare.namespace().pid()).isEqualTo(pid);
    assertThat(bare.namespace().label()).isEqualTo("inode " + bare.namespace().inode() + " (pid " + pid + " sleep)");
    assertThat(bare.cause()).as(text).isEqualTo("no-socket");
    // No port was named: the group's own flow was diagnosed, in its namespace.
    assertThat(bare.target()).isEqualTo(new Target(null, "198.18.150.2", 17, 5150, null, container));
    // Its probes ran inside it (through its process), and the fix says how to get in.
    assertThat(bare.report().trail()).filteredOn(s -> s.probe().equals("sockets")).singleElement()
        .satisfies(s -> assertThat(s.result()).contains("owned by python3"));
    assertThat(bare.report().diagnoses().get(0).fix()).anySatisfy(f -> assertThat(f).contains("nsenter --net=/proc/" + pid + "/ns/net ss"));

    // The healthy namespaces, and the senders, drop nothing of theirs: no row (ping's own echo-reply frees are not drops).
    assertThat(r.namespaceTable()).extracting(NamespaceRow::netns).as(text)
        .noneMatch(ns -> ns.startsWith("dropdx-lab-clean-") || ns.equals("dropdx-lab-rpf-tx") || ns.equals("dropdx-lab-nsc-tx"));
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    assertThat(text).startsWith("Target: netns=all").contains("Drops by network namespace (most packets first)")
        .containsPattern("dropdx-lab-rpf-rx\\s+IP_RPFILTER\\s+\\S+\\s+\\d+\\s+rp-filter")
        .containsPattern("inode \\d+ \\(pid " + pid + " sleep\\)\\s+NO_SOCKET\\s+__udp4_lib_rcv\\S*\\s+\\d+\\s+no-socket");
    assertThat(ReportView.of(r).namespaces()).extracting(ReportView.NamespaceView::netns).contains("dropdx-lab-rpf-rx", container);

    // The bundle holds the namespace map: a replay, anywhere, gives the same table.
    BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");
    Path file = Files.createTempFile("dropdx-allnetns-", ".json");
    try {
      codec.write(codec.of(r.recorded()), file);
      EvidenceBundle b = codec.read(file);
      DiagnosisReport again = wiring.engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 80, 240));
      assertThat(again.namespaceTable()).isEqualTo(r.namespaceTable());
    } finally {
      Files.deleteIfExists(file);
    }

    // Torn down on every path: no lab namespace, no container process, no child left.
    assertThat(Path.of("/run/netns/dropdx-lab-rpf-rx")).doesNotExist();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the container's sleep").isFalse();
    assertThat(wiring.children.count()).isZero();
  }

  private Target build(String name, List<LabNetwork> nets) {
    LabNetwork net = new LabNetwork(wiring.runner, wiring.children);
    nets.add(net);
    return LabSetUp.build(wiring.lab.find(name).orElseThrow(), net);
  }

  private static NamespaceDiagnosis find(DiagnosisReport r, String netns, String reason, String text) {
    return r.namespaces().stream().filter(n -> n.namespace().id().equals(netns) && n.reason().equals(reason)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + reason + " row for " + netns + " in\n" + text));
  }
}
