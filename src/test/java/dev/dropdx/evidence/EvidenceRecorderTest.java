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
}
