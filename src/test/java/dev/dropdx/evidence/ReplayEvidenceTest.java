package dev.dropdx.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SysctlValue;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.procfs.SysctlProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replay answers from an exact recording first, then from a broader one the probe accepts; otherwise "not in the bundle". */
class ReplayEvidenceTest {
  private final ProbeCatalog catalog = new ProbeCatalog(List.of(new SysctlProbe(null)));
  private final RecordedProbe dump = new RecordedProbe("sysctl", Map.of("netns", "lab", "prefixes", "net.ipv4.conf"), "procfs",
      "net.ipv4.conf.all.rp_filter = 0\nnet.ipv4.conf.eth0.rp_filter = 2\n");
  private final RecordedProbe exact = new RecordedProbe("sysctl", Map.of("netns", "lab", "keys", "net.ipv4.conf.eth0.rp_filter"),
      "procfs", "net.ipv4.conf.eth0.rp_filter = 1\n");

  private static ProbeRequest sysctl(String keys) {
    return ProbeRequest.of("sysctl", 50, "rule", "why", "netns", "lab", "keys", keys);
  }

  @Test
  void aBroaderRecordingAnswersAndTheAnswerHoldsOnlyWhatWasAsked() {
    ReplayEvidence replay = new ReplayEvidence(catalog, List.of(dump));
    ProbeRequest wanted = sysctl("net.ipv4.conf.eth0.rp_filter");
    assertThat(replay.availability(wanted).available()).isTrue();
    var outcome = replay.gather(wanted, new ProbeContext(null, null, 3, line -> { }));
    assertThat(outcome.facts()).containsExactly(new SysctlValue("lab", "net.ipv4.conf.eth0.rp_filter", "2"));
    assertThat(outcome.raw()).isEqualTo("net.ipv4.conf.eth0.rp_filter = 2\n");
    assertThat(outcome.backend()).isEqualTo("replay of procfs");
  }

  @Test
  void anExactRecordingWinsOverABroaderOne() {
    ReplayEvidence replay = new ReplayEvidence(catalog, List.of(dump, exact));
    var outcome = replay.gather(sysctl("net.ipv4.conf.eth0.rp_filter"), new ProbeContext(null, null, 3, line -> { }));
    assertThat(outcome.facts()).containsExactly(new SysctlValue("lab", "net.ipv4.conf.eth0.rp_filter", "1"));
  }

  @Test
  void whatNoRecordingAnswersIsNotInTheBundle() {
    ReplayEvidence replay = new ReplayEvidence(catalog, List.of(dump));
    assertThat(replay.availability(sysctl("net.ipv4.ip_forward")).reason()).startsWith("not in the bundle (sysctl");
    assertThat(replay.availability(ProbeRequest.of("route", 40, "rule", "why", "to", "198.18.0.1")).reason())
        .startsWith("not in the bundle (route");
  }
}
