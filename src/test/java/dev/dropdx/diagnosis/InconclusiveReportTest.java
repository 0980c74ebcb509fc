package dev.dropdx.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.cli.MarkdownReport;
import dev.dropdx.cli.ReportView;
import dev.dropdx.cli.TextReport;
import dev.dropdx.evidence.EvidenceSource;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.support.ReasonPages;
import dev.dropdx.support.RuleHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drops no rule can prove (a tc ingress drop, a fragment drop, a reason newer than the catalog)
 * through the real rules, knowledge base and reason pages: the verdict stays inconclusive, and
 * the report fills each reason's page with what was seen and the counters read.
 */
class InconclusiveReportTest {
  private static final String NS = "dropdx-lab-unexplained";
  private static final String FAMILY_RULE = "common: before giving up, read the counters an unexplained drop's reason page names";
  private static final Target TARGET = new Target("198.18.7.1", "198.18.7.2", 17, null, null, NS);
  private static final HostFacts HOST = new HostFacts("6.18.0-test", true, "/sys/kernel/tracing", Map.of(), List.of(), List.of());

  /** Answers the drop watch with the given drops, every counters request with made-up readings, anything else with nothing. */
  private static final class Recorded implements EvidenceSource {
    private final List<Object> watch;
    final List<ProbeRequest> asked = new ArrayList<>();

    Recorded(List<Object> watch) {
      this.watch = watch;
    }

    @Override
    public Availability availability(ProbeRequest request) {
      return Availability.yes();
    }

    @Override
    public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
      asked.add(request);
      return switch (request.probe()) {
        case "drop-watch" -> new ProbeOutcome("tracefs+bpftrace", "drops seen", watch, List.of(), "raw");
        case "counters" -> new ProbeOutcome("procfs", "read", List.of(request.param("names").split(" ")).stream()
            .<Object>map(n -> new Counter(request.param("netns"), n, 42, 3, 1.0)).toList(), List.of(), "raw");
        default -> new ProbeOutcome("fake", "nothing found", List.of(), List.of(), "raw");
      };
    }
  }

  private static Drop drop(String function, String reason, long count, TargetMatch match) {
    return new Drop(function, function + "+0x1c/0x80", reason, count, match, match == TargetMatch.OTHER ? "elsewhere" : NS, "ux-rx0",
        match == TargetMatch.OTHER ? "198.18.9.9" : "198.18.7.1", "198.18.7.2", 17, List.of());
  }

  private static DiagnosisReport diagnose(Recorded evidence) {
    return new DiagnosisSession(RuleHarness.book(), RuleHarness.knowledge(), ReasonPages.shipped(), evidence, HOST, TARGET,
        new DiagnosisOptions(3, 12, 60), line -> { }, System::nanoTime, System.nanoTime()).run();
  }

  private static Recorded unexplainedDrops() {
    return new Recorded(List.of(
        drop("tcf_classify", "TC_INGRESS", 6, TargetMatch.TARGET),
        drop("tcf_classify", "TC_INGRESS", 3, TargetMatch.TARGET),
        drop("ip_frag_queue", "FRAG_TOO_FAR", 4, TargetMatch.TARGET),
        drop("mystery_rcv", "SOME_REASON_OF_A_NEWER_KERNEL", 2, TargetMatch.TARGET),
        drop("udp_queue_rcv_one_skb", "SOCKET_RCVBUFF", 50, TargetMatch.OTHER),
        new DropWatchSummary("tracefs+bpftrace", 3, true, 15, 50, 0)));
  }

  @Test
  void dropsNoRuleProvesStayInconclusiveWithEachReasonsPageFilledIn() {
    Recorded evidence = unexplainedDrops();
    DiagnosisReport r = diagnose(evidence);

    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.verdict().exitCode()).isEqualTo(3);
    assertThat(r.diagnoses()).isEmpty();
    // One group per reason and location, the most packets first; the other namespace's drop is not among them.
    assertThat(r.unexplained()).extracting(UnexplainedDrop::reason)
        .containsExactly("TC_INGRESS", "FRAG_TOO_FAR", "SOME_REASON_OF_A_NEWER_KERNEL");
    UnexplainedDrop tc = r.unexplained().get(0);
    assertThat(tc.count()).isEqualTo(9);
    assertThat(tc.location()).isEqualTo("tcf_classify+0x1c/0x80");
    assertThat(tc.family()).isEqualTo("tc");
    assertThat(tc.title()).contains("tc filter");
    assertThat(tc.iface()).isEqualTo("ux-rx0");
    assertThat(tc.src()).isEqualTo("198.18.7.1");
    assertThat(tc.checks()).contains("ip netns exec " + NS + " tc -s filter show dev ux-rx0 ingress   (the filters and their hit counters)");
    // tc-filter-drop is only planned: the report does not offer it as a cause dropdx can prove.
    assertThat(tc.causes()).allSatisfy(c -> assertThat(RuleHarness.knowledge().find(c)).isPresent());
    assertThat(r.unexplained()).allSatisfy(u -> assertThat(u.checks()).isNotEmpty().noneMatch(c -> c.contains("{")));

    UnexplainedDrop frag = r.unexplained().get(1);
    assertThat(frag.counters()).containsExactly("IpReasmFails = 42 (+3 in 1.0 s) (netns " + NS + ")");
    assertThat(frag.countersNotRead()).isEmpty();
    assertThat(frag.checks()).contains("ip netns exec " + NS + " nstat -az IpReasmFails");

    UnexplainedDrop unknown = r.unexplained().get(2);
    assertThat(unknown.family()).isEqualTo("unknown");
    assertThat(unknown.checks()).anySatisfy(c -> assertThat(c).contains("SOME_REASON_OF_A_NEWER_KERNEL"))
        .anySatisfy(c -> assertThat(c).startsWith("ip -n " + NS + " route get 198.18.7.2 from 198.18.7.1 iif ux-rx0"));
    assertThat(unknown.counters()).containsExactly("IpInDiscards = 42 (+3 in 1.0 s) (netns " + NS + ")");
    assertThat(unknown.countersNotRead()).containsExactly("ip -s link: RX/TX dropped");

    // The counters were read last, before giving up, by the family rule; the page's IPv6 and where-to-look entries were not asked for.
    assertThat(r.trail()).last().satisfies(s -> {
      assertThat(s.probe()).isEqualTo("counters");
      assertThat(s.askedBy()).isEqualTo(FAMILY_RULE);
    });
    assertThat(evidence.asked).filteredOn(q -> q.askedBy().equals(FAMILY_RULE)).extracting(q -> q.param("names"))
        .containsExactlyInAnyOrder("IpReasmFails", "IpInDiscards");
  }

  @Test
  void theTextReportShowsWhatIsKnownWithoutClaimingACause() {
    String text = TextReport.render(diagnose(unexplainedDrops()));
    assertThat(text).contains("Verdict: inconclusive", "What is known (no rule proved a cause",
        "9 packet(s) dropped at tcf_classify+0x1c/0x80 with reason TC_INGRESS (198.18.7.1 -> 198.18.7.2)", "on ux-rx0 in netns " + NS,
        "TC_INGRESS: Dropped by a tc filter/action on ingress  [family tc]",
        "- ip netns exec " + NS + " tc -s filter show dev ux-rx0 ingress",
        "Counters read:", "- IpReasmFails = 42 (+3 in 1.0 s)",
        "Counters that move with it, not read here: ip -s link: RX/TX dropped")
        .doesNotContain("Diagnosis #", "{iface}", "{nsExec}");
    String markdown = MarkdownReport.render(diagnose(unexplainedDrops()));
    assertThat(markdown).contains("### What is known", "#### `TC_INGRESS` at `tcf_classify+0x1c/0x80`",
        "- `ip netns exec " + NS + " tc -s filter show dev ux-rx0 ingress");
  }

  @Test
  void theJsonReportAddsUnexplainedBesideTheContractFields() {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode root = json.readTree(json.writeValueAsString(ReportView.of(diagnose(unexplainedDrops()))));
    assertThat(root.path("verdict").asString()).isEqualTo("inconclusive");
    assertThat(root.path("diagnoses").isArray()).isTrue();
    assertThat(root.path("diagnoses")).isEmpty();
    assertThat(root.path("drops")).hasSize(5);
    assertThat(root.path("trail").isArray()).isTrue();
    JsonNode tc = root.path("unexplained").get(0);
    assertThat(tc.path("reason").asString()).isEqualTo("TC_INGRESS");
    assertThat(tc.path("location").asString()).isEqualTo("tcf_classify+0x1c/0x80");
    assertThat(tc.path("count").asLong()).isEqualTo(9);
    assertThat(tc.path("family").asString()).isEqualTo("tc");
    assertThat(tc.path("title").asString()).isNotBlank();
    assertThat(tc.path("meaning").asString()).contains("ingress");
    assertThat(tc.path("checks").get(0).asString()).startsWith("ip netns exec " + NS + " tc -s filter show dev ux-rx0 ingress");
    assertThat(tc.path("counters").isArray()).isTrue();
    assertThat(root.path("unexplained").get(1).path("counters").get(0).asString()).startsWith("IpReasmFails = 42");
  }

  @Test
  void aGroupSeenFromSeveralSourcesListsThemAndChecksTheFirst() {
    Recorded evidence = new Recorded(List.of(
        new Drop("tcf_classify", "tcf_classify", "TC_INGRESS", 2, TargetMatch.UNFILTERED, NS, null, "198.18.7.1", null, 17, List.of()),
        new Drop("tcf_classify", "tcf_classify", "TC_INGRESS", 1, TargetMatch.UNFILTERED, NS, null, "198.18.7.5", null, 17, List.of()),
        new DropWatchSummary("tracefs", 3, false, 3, 0, 0)));
    UnexplainedDrop tc = diagnose(evidence).unexplained().get(0);
    assertThat(tc.src()).isEqualTo("198.18.7.1, 198.18.7.5");
    assertThat(tc.iface()).isNull();
    // No device known: the check says where to put it rather than leaving a {placeholder}.
    assertThat(tc.checks()).contains("ip netns exec " + NS + " tc -s filter show dev IFACE ingress   (the filters and their hit counters)");
  }

  @Test
  void aReportThatProvesNothingForNoDropsHasNoUnexplainedSection() {
    Recorded evidence = new Recorded(List.of(drop("udp_queue_rcv_one_skb", "SOCKET_RCVBUFF", 50, TargetMatch.OTHER),
        new DropWatchSummary("tracefs+bpftrace", 3, true, 0, 50, 0)));
    DiagnosisReport r = diagnose(evidence);
    assertThat(r.verdict()).isEqualTo(Verdict.NO_DROPS);
    assertThat(r.unexplained()).isEmpty();
    assertThat(r.trail()).extracting(TrailStep::askedBy).doesNotContain(FAMILY_RULE);
    assertThat(TextReport.render(r)).doesNotContain("What is known");
  }
}
