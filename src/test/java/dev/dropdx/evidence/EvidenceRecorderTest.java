package dev.dropdx.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one way evidence is recorded: trail steps, raw output, a failed probe as missing evidence, progress lines. */
class EvidenceRecorderTest {
  private final HostFacts host = new HostFacts("6.18", true, "/sys/kernel/tracing", Map.of(2, "NO_SOCKET"), List.of("ip"), List.of());
  private final List<String> progress = new ArrayList<>();

  /** Answers "works", fails "breaks", and cannot run anything else. */
  private final EvidenceSource source = new EvidenceSource() {
    @Override
    public Availability availability(ProbeRequest request) {
      return request.probe().equals("missing") ? Availability.no("needs a tool (apt-get install tool)") : Availability.yes();
    }

    @Override
    public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
      if (request.probe().equals("breaks")) {
        throw new IllegalStateException("the command timed out");
      }
      return new ProbeOutcome("procfs", "found 1", List.of("a fact"), List.of("a note"), "raw text");
    }
  };

  private EvidenceRecorder recorder(EvidenceRecorder.Style style) {
    return new EvidenceRecorder(source, new ProbeContext(null, host, 1, progress::add), style, System::nanoTime, System.nanoTime());
  }

  @Test
  void aProbeThatRanIsATrailStepAndARecording() {
    EvidenceRecorder r = recorder(EvidenceRecorder.Style.DIAGNOSE);
    ProbeRequest works = ProbeRequest.of("works", 50, "rule a", "to see", "netns", "lab");
    assertThat(r.available(works)).isTrue();
    assertThat(r.run(works)).get().extracting(ProbeOutcome::facts).isEqualTo(List.of("a fact"));
    assertThat(r.trail()).extracting(TrailStep::step, TrailStep::probe, TrailStep::backend, TrailStep::askedBy, TrailStep::result)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "host", "procfs", "dropdx", r.trail().get(0).result()),
            org.assertj.core.groups.Tuple.tuple(1, "works", "procfs", "rule a", "found 1"));
    assertThat(r.trail().get(0).result()).startsWith("kernel 6.18, root, tracefs /sys/kernel/tracing, drop reasons yes (1)");
    assertThat(r.recorded()).containsExactly(new RecordedProbe("works", Map.of("netns", "lab"), "procfs", "raw text"));
    assertThat(progress).containsExactly("step 1: works - to see");
  }

  @Test
  void aFailedProbeIsMissingEvidenceAndNotRecorded() {
    EvidenceRecorder r = recorder(EvidenceRecorder.Style.DIAGNOSE);
    assertThat(r.run(ProbeRequest.of("breaks", 50, "rule b", "why"))).isEmpty();
    assertThat(r.trail().get(1).result()).isEqualTo("failed: the command timed out");
    assertThat(r.trail().get(1).backend()).isEqualTo("-");
    assertThat(r.recorded()).isEmpty();
  }

  @Test
  void anUnavailableProbeSaysWhyInEachCommandsWords() {
    EvidenceRecorder diagnose = recorder(EvidenceRecorder.Style.DIAGNOSE);
    EvidenceRecorder collect = recorder(EvidenceRecorder.Style.COLLECT);
    ProbeRequest missing = ProbeRequest.of("missing", 50, "rule c", "why");
    assertThat(diagnose.available(missing)).isFalse();
    assertThat(collect.available(missing)).isFalse();
    assertThat(diagnose.trail().get(1).result()).isEqualTo("not run: needs a tool (apt-get install tool)");
    assertThat(collect.trail().get(1).result()).isEqualTo("not collected: needs a tool (apt-get install tool)");
    assertThat(collect.trail().get(0).askedBy()).isEqualTo("dropdx collect");
  }

  /** Counts what it runs; "wide" output answers a "narrow" request of the same namespace (as a probe's answerFrom says). */
  private static final class CountingSource implements EvidenceSource {
    final List<String> ran = new ArrayList<>();

    @Override
    public Availability availability(ProbeRequest request) {
      return Availability.yes();
    }

    @Override
    public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
      ran.add(request.key());
      return new ProbeOutcome("procfs", "read " + request.params(), List.of("fact " + ran.size()), List.of(), "raw " + request.params());
    }

    @Override
    public java.util.Optional<ProbeOutcome> answerFrom(RecordedProbe earlier, ProbeRequest request, ProbeContext context) {
      boolean fits = "all".equals(earlier.params().get("keys")) && earlier.params().get("netns").equals(request.param("netns"));
      return fits ? java.util.Optional.of(new ProbeOutcome("procfs", "from " + earlier.raw(), List.of("narrow fact"), List.of(), "cut of "
          + earlier.raw())) : java.util.Optional.empty();
    }
  }

  @Test
  void theSameRequestIsNeverRunTwiceWhoeverAsks() {
    CountingSource counting = new CountingSource();
    EvidenceRecorder r = new EvidenceRecorder(counting, new ProbeContext(null, host, 1, progress::add), EvidenceRecorder.Style.DIAGNOSE,
        System::nanoTime, System.nanoTime());
    ProbeRequest first = ProbeRequest.of("route", 40, "rule a", "why a", "netns", "lab", "to", "198.18.2.1");
    ProbeRequest again = ProbeRequest.of("route", 30, "rule b", "why b", "to", "198.18.2.1", "netns", "lab");
    ProbeRequest other = ProbeRequest.of("route", 30, "rule c", "why c", "netns", "lab", "to", "198.18.1.2");
    ProbeOutcome o1 = r.run(first).orElseThrow();
    ProbeOutcome o2 = r.run(again).orElseThrow();
    r.run(other);
    assertThat(counting.ran).containsExactly(first.key(), other.key());
    assertThat(o2).isSameAs(o1);
    TrailStep memo = r.trail().get(2);
    assertThat(memo.askedBy()).isEqualTo("rule b");
    assertThat(memo.backend()).isEqualTo("memo of procfs");
    assertThat(memo.result()).isEqualTo("answered by step 1, not run again: " + o1.summary());
    assertThat(r.trail().get(3).backend()).isEqualTo("procfs");
  }

  @Test
  void aNarrowerRequestIsReadFromAnEarlierBroaderRecordingAndRecordedAsAsked() {
    CountingSource counting = new CountingSource();
    EvidenceRecorder r = new EvidenceRecorder(counting, new ProbeContext(null, host, 1, progress::add), EvidenceRecorder.Style.COLLECT,
        System::nanoTime, System.nanoTime());
    ProbeRequest wide = ProbeRequest.of("sysctl", 50, "plan", "all", "netns", "lab", "keys", "all");
    ProbeRequest narrow = ProbeRequest.of("sysctl", 50, "rule", "one", "netns", "lab", "keys", "net.ipv4.conf.all.rp_filter");
    ProbeRequest elsewhere = ProbeRequest.of("sysctl", 50, "rule", "one", "netns", "other", "keys", "net.ipv4.conf.all.rp_filter");
    r.run(wide);
    assertThat(r.run(narrow)).get().extracting(ProbeOutcome::facts).isEqualTo(List.of("narrow fact"));
    r.run(elsewhere);
    assertThat(counting.ran).as("another namespace is no answer: it runs").containsExactly(wide.key(), elsewhere.key());
    assertThat(r.trail().get(2).result()).isEqualTo("answered by step 1, not run again: from raw {keys=all, netns=lab}");
    assertThat(r.recorded()).extracting(RecordedProbe::key, RecordedProbe::raw).contains(
        org.assertj.core.groups.Tuple.tuple(narrow.key(), "cut of raw {keys=all, netns=lab}"));
  }
}
