package dev.dropdx.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.support.LabScenarios;
import dev.dropdx.support.LabTest;
import dev.dropdx.support.LabWiring;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The capture probe live on an IPv6 scenario (no-socket-v6: UDP to [2001:db8:66::2]:5066): the
 * rules' kind of IPv4 filter ("ip proto 17 and src host ...") runs as an ip6 one and captures the
 * target's IPv6 packets, decoded with their IPv6 addresses and the note on extension headers; the
 * same filter kept IPv4 (an IPv4 target) captures none of them, which is what it did before.
 */
@LabTest
class CaptureIpv6LabTest {
  private final LabWiring wiring = new LabWiring();
  private final CaptureProbe capture = wiring.bean(CaptureProbe.class);

  @AfterEach
  void close() {
    wiring.close();
  }

  @Test
  void anIpv4StyleFilterCapturesTheIpv6TargetsPackets() {
    List<ProbeOutcome> outcomes = wiring.lab.during(LabScenarios.named("no-socket-v6"), line -> { }, target -> List.of(
        capture.run(request(target.netns(), "ip proto 17 and src host 2001:db8:66::1"), new ProbeContext(target, null, 1, l -> { })),
        capture.run(request(target.netns(), "ip proto 17"), new ProbeContext(
            new Target("198.18.66.1", null, 17, null, null, target.netns()), null, 1, l -> { }))));

    ProbeOutcome v6 = outcomes.get(0);
    assertThat(v6.raw()).as(v6.raw()).contains("ip6 proto 17 and src host 2001:db8:66::1")
        .contains("2001:db8:66::1 > 2001:db8:66::2 proto 17 payload");
    assertThat(v6.summary()).as(v6.raw()).doesNotStartWith("0 packet(s)");
    assertThat(v6.notes()).anySatisfy(n -> assertThat(n).contains("extension headers"));

    // The control: an IPv4 filter on this IPv6-only link sees none of these packets.
    ProbeOutcome v4 = outcomes.get(1);
    assertThat(v4.raw()).as(v4.raw()).contains(" ip proto 17\n").doesNotContain("2001:db8:66::1 >");
    assertThat(v4.summary()).startsWith("0 packet(s)");
    assertThat(wiring.children.count()).isZero();
  }

  private static ProbeRequest request(String netns, String filter) {
    return ProbeRequest.of("capture", 60, "test", "why", "netns", netns, "iface", "any", "filter", filter, "count", "3");
  }
}
