package dev.dropdx.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.cli.MarkdownReport;
import dev.dropdx.cli.ReportView;
import dev.dropdx.cli.TextReport;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.netns.NetnsInfo;
import dev.dropdx.netns.NetnsMap;
import dev.dropdx.support.SharedLabWiring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * --all-netns from recorded evidence: a live host-wide watch (recorded with four namespaces'
 * drops) plus a namespace map; each namespace is grouped, ordered by packets and diagnosed on its
 * own, and the table and the bundle say the same after a replay.
 */
class AllNetnsReplayTest {
  private static final Path RECORDED = Path.of("src/test/resources/bundles/rp-filter.json");
  private static final String CONTAINER = "4f1c2a9d0b7e6c5a4f1c2a9d0b7e6c5a4f1c2a9d0b7e6c5a4f1c2a9d0b7e6c5a";
  @RegisterExtension
  static final SharedLabWiring WIRING = new SharedLabWiring();
  private final BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");

  /**
   * The recorded rp-filter bundle turned into a host-wide watch: its bpftrace map holds drops of four
   * namespaces (rpf-rx named, ns-rx here an unnamed container namespace, rb-rx named, and one no
   * process holds any more); its other probes are rpf-rx's.
   */
  private EvidenceBundle allNetnsBundle() {
    return allNetnsBundle("");
  }

  /** The same, with more lines in the bpftrace map (e.g. ping's echo replies freed at ping_rcv). */
  private EvidenceBundle allNetnsBundle(String moreMapLines) {
    EvidenceBundle b = codec.read(RECORDED);
    NetnsMap map = new NetnsMap(List.of(
        new NetnsInfo(4026532389L, "dropdx-lab-rpf-rx", false, 300, "ping", ""),
        new NetnsInfo(4026532463L, "", false, 4711, "sleep", CONTAINER),
        new NetnsInfo(4026532743L, "dropdx-lab-rb-rx", false, 0, "", ""),
        new NetnsInfo(4026531840L, "", true, 1, "systemd", "")));
    List<RecordedProbe> probes = new ArrayList<>();
    for (RecordedProbe p : b.probes()) {
      if (p.probe().equals("drop-watch")) {
        String raw = p.raw().replace("target-netns-inode: 4026532389\n", "target-netns-inode: 0\nall-netns: true\n")
            .replace("--- tracefs trace ---", moreMapLines + "--- tracefs trace ---")
            + "--- namespaces ---\n" + map.encode();
        probes.add(new RecordedProbe("drop-watch", java.util.Map.of("netns", Target.ALL_NETNS), p.backend(), raw));
      } else {
        probes.add(p);
      }
    }
    return new EvidenceBundle(b.version(), b.createdAt(), b.hostname(), new Target(null, null, null, null, null, Target.ALL_NETNS), b.host(),
        probes, List.of(), b.verdict(), b.causes());
  }

  @Test
  void eachNamespaceIsDiagnosedOnItsOwnMostPacketsFirst() {
    EvidenceBundle b = allNetnsBundle();
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 12, 60));

    assertThat(r.namespaces()).extracting(n -> n.namespace().id()).containsExactly("dropdx-lab-rb-rx", "pid:4711", "dropdx-lab-rpf-rx");
    assertThat(r.namespaceTable()).extracting(NamespaceRow::namespace, NamespaceRow::reason, NamespaceRow::packets).containsExactly(
        org.assertj.core.groups.Tuple.tuple("dropdx-lab-rb-rx", "SOCKET_RCVBUFF", 2629L),
        org.assertj.core.groups.Tuple.tuple("inode 4026532463 (pid 4711 sleep, container 4f1c2a9d0b7e)", "NO_SOCKET", 15L),
        org.assertj.core.groups.Tuple.tuple("dropdx-lab-rpf-rx", "IP_RPFILTER", 14L));
    // rpf-rx's probes are in the bundle: proven. The others' are not: inconclusive, never guessed.
    NamespaceDiagnosis rpf = r.namespaces().get(2);
    assertThat(rpf.cause()).isEqualTo("rp-filter");
    assertThat(rpf.report().target()).isEqualTo(new Target(null, "198.18.1.2", 1, null, null, "dropdx-lab-rpf-rx"));
    assertThat(rpf.report().drops()).filteredOn(d -> d.match() == TargetMatch.TARGET).singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("IP_RPFILTER"));
    assertThat(r.namespaces().get(0).cause()).isEqualTo("inconclusive");
    assertThat(r.verdict()).isEqualTo(Verdict.DIAGNOSED);
    // The namespace no one holds any more (nf-rx's drops) is in no row: it cannot be entered, so it is not the target's.
    assertThat(r.drops()).filteredOn(d -> d.netns().equals("netns inode 4026532603")).singleElement()
        .satisfies(d -> assertThat(d.match()).isEqualTo(TargetMatch.OTHER));

    String text = TextReport.render(r);
    assertThat(text).contains("Drops by network namespace (most packets first)").containsPattern(
        "dropdx-lab-rpf-rx\\s+IP_RPFILTER\\s+ip_rcv_finish_core\\S*\\s+14\\s+rp-filter");
    assertThat(text.indexOf("=== namespace dropdx-lab-rb-rx")).isLessThan(text.indexOf("=== namespace dropdx-lab-rpf-rx"));
    assertThat(MarkdownReport.render(r)).contains("| dropdx-lab-rpf-rx | `IP_RPFILTER` |")
        .contains("## namespace dropdx-lab-rpf-rx, `IP_RPFILTER`: rp-filter");
    ReportView json = ReportView.of(r);
    assertThat(json.namespaces()).extracting(ReportView.NamespaceView::netns).containsExactly("dropdx-lab-rb-rx", "pid:4711",
        "dropdx-lab-rpf-rx");
    assertThat(json.namespaces().get(1)).satisfies(n -> {
      assertThat(n.pid()).isEqualTo(4711);
      assertThat(n.containerId()).isEqualTo(CONTAINER);
      assertThat(n.reason()).isEqualTo("NO_SOCKET");
      // Narrowed to the group's flow, in its namespace (the recorded watch read no ports: none to narrow to).
      assertThat(n.target()).isEqualTo("dst=198.18.61.2 proto=udp netns=pid:4711");
    });
    assertThat(json.namespaces().get(2).diagnoses()).extracting(d -> d.cause()).containsExactly("rp-filter");
  }

  @Test
  void theFreesAReasonPageCallsNormalAreNotedNotTabled() {
    // NO_SOCKET (3) at ping_rcv: the NO_SOCKET page lists it as a normal free (ping's echo replies).
    EvidenceBundle b = allNetnsBundle("@drops[ping_rcv, 3, 198.18.2.1, 198.18.1.2, 1, rpf-rx0, 4026532389, 0]: 7\n"
        + "@drops[ping_rcv, 3, 198.18.61.1, 198.18.61.2, 1, ns-rx0, 4026532463, 0]: 4\n");
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 12, 60));

    assertThat(r.drops()).filteredOn(d -> d.function().equals("ping_rcv")).hasSize(2);
    assertThat(r.namespaceTable()).extracting(NamespaceRow::location).noneMatch(l -> l.startsWith("ping_rcv"));
    assertThat(r.namespaceTable()).hasSize(3);
    assertThat(r.notes()).contains("11 ICMP echo reply(ies) freed at ping_rcv with NO_SOCKET after ping's raw socket took its copy: "
        + "normal frees, not drops, so not in the table");
  }

  @Test
  void theBundleOfAnAllNetnsRunReplaysToTheSameTable() {
    EvidenceBundle b = allNetnsBundle();
    DiagnosisReport first = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 12, 60));
    // The watch is kept once, not once per namespace; each namespace's probes keep their namespace.
    assertThat(first.evidence()).filteredOn(p -> p.probe().equals("drop-watch")).singleElement()
        .satisfies(p -> assertThat(p.params()).containsEntry("netns", Target.ALL_NETNS));
    EvidenceBundle again = codec.of(first.recorded());
    DiagnosisReport second = WIRING.get().engine.replay(again.target(), again.host(), again.probes(), new DiagnosisOptions(3, 12, 60));
    assertThat(second.namespaceTable()).isEqualTo(first.namespaceTable());
    assertThat(second.verdict()).isEqualTo(first.verdict());
  }

  @Test
  void theProbeBudgetIsSharedAndNamespacesBeyondItAreListedNotDiagnosed() {
    EvidenceBundle b = allNetnsBundle();
    // rb-rx and the container run no probe (none recorded); rpf-rx needs three, the watch was one: four is one too few.
    DiagnosisReport r = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 3, 60));
    NamespaceDiagnosis rpf = r.namespaces().get(2);
    assertThat(rpf.report()).isNotNull();
    assertThat(rpf.report().stopReason()).startsWith("probe budget spent");
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    DiagnosisReport none = WIRING.get().engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 1, 60));
    assertThat(none.namespaces()).allSatisfy(n -> assertThat(n.cause()).isEqualTo("not diagnosed: probe budget spent (1 probes)"));
  }
}
