package dev.dropdx.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.LabWiring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A report's drops come in one order, whatever order working memory hands them back in. */
class DropOrderTest {

  private static Drop drop(TargetMatch match, long count, String location, String reason, String netns, String src) {
    return new Drop(location.replaceFirst("\\+.*", ""), location, reason, count, match, netns, "veth0", src, "198.18.1.2", 17, List.of());
  }

  @Test
  void theTargetsFirstThenMostPacketsThenLocationReasonNamespaceAndAddresses() {
    Drop other = drop(TargetMatch.OTHER, 900, "a+0x1", "NO_SOCKET", "x", "198.18.0.1");
    Drop unfiltered = drop(TargetMatch.UNFILTERED, 500, "a+0x1", "NO_SOCKET", "x", null);
    Drop big = drop(TargetMatch.TARGET, 40, "z+0x1", "NO_SOCKET", "x", "198.18.0.1");
    Drop byLocation = drop(TargetMatch.TARGET, 12, "b+0x1", "NO_SOCKET", "x", "198.18.0.1");
    Drop byReason = drop(TargetMatch.TARGET, 12, "c+0x1", "IP_RPFILTER", "x", "198.18.0.1");
    Drop byReason2 = drop(TargetMatch.TARGET, 12, "c+0x1", "NO_SOCKET", "a", "198.18.0.1");
    Drop byNetns = drop(TargetMatch.TARGET, 12, "c+0x1", "NO_SOCKET", "b", "198.18.0.1");
    Drop bySrc = drop(TargetMatch.TARGET, 12, "c+0x1", "NO_SOCKET", "b", "198.18.0.9");
    List<Drop> expected = List.of(big, byLocation, byReason, byReason2, byNetns, bySrc, unfiltered, other);
    Random random = new Random(15);
    for (int i = 0; i < 20; i++) {
      List<Drop> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, random);
      assertThat(DropOrder.sorted(shuffled)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aReplayedReportListsItsDropsInThatOrder() {
    EvidenceBundle b = new BundleCodec(JsonMapper.builder().build(), "").read(Path.of("src/test/resources/bundles/rp-filter.json"));
    try (LabWiring wiring = new LabWiring()) {
      DiagnosisReport r = wiring.engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 12, 60));
      assertThat(r.drops()).hasSizeGreaterThan(1).isSortedAccordingTo(DropOrder.REPORT);
      assertThat(r.drops().get(0).match()).isEqualTo(TargetMatch.TARGET);
    }
  }
}
