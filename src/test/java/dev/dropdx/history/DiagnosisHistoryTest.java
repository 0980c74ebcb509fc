package dev.dropdx.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

import dev.dropdx.db.DropdxDatabase;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.fact.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The "Nth time this week" line counts incidents on this host, not replays of one bundle. */
class DiagnosisHistoryTest {
  private static final Target TARGET = new Target("198.18.2.1", null, 1, null, null, "");

  private static EvidenceBundle bundle(String host, String probeOutput) {
    return new EvidenceBundle(EvidenceBundle.CURRENT_VERSION, "2026-12-03T06:00:00Z", host, TARGET, null,
        List.of(new RecordedProbe("sysctl", Map.of("key", "net.ipv4.conf.all.rp_filter"), "procfs", probeOutput)), List.of(),
        "diagnosed", List.of("rp-filter"));
  }

  private static DiagnosisHistory history(Path dir) {
    return new DiagnosisHistory(new HistoryStore(new DropdxDatabase(dir.toString())), JsonMapper.builder().build());
  }

  @Test
  void replayingOneBundleManyTimesIsNotARecurrence(@TempDir Path dir) {
    DiagnosisHistory history = history(dir);
    EvidenceBundle live = bundle("h1", "1");
    assertThat(history.remember(live).recurrence()).isEmpty();
    for (int i = 0; i < 10; i++) {
      EvidenceBundle replayResult = bundle("h1", "1"); // a replay stamps this host and now, same evidence
      assertThat(history.remember(replayResult, live).recurrence()).as("replay %d", i).isEmpty();
    }
    // A second real incident is the second, not the twelfth.
    assertThat(history.remember(bundle("h1", "2")).recurrence()).singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("second time this week on this host: rp-filter");
  }

  @Test
  void aBundleCollectedHereCountsOnceWhenFirstReplayed(@TempDir Path dir) {
    DiagnosisHistory history = history(dir);
    history.remember(bundle("h1", "1"));
    EvidenceBundle collected = bundle("h1", "2");
    assertThat(history.remember(bundle("h1", "2"), collected).recurrence()).singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("second time");
    assertThat(history.remember(bundle("h1", "2"), collected).recurrence()).isEmpty();
    assertThat(history.remember(bundle("h1", "3")).recurrence()).singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("third time");
  }

  @Test
  void anotherHostsBundleIsNoOccurrenceHere(@TempDir Path dir) {
    DiagnosisHistory history = history(dir);
    history.remember(bundle("h1", "1"));
    assertThat(history.remember(bundle("h1", "9"), bundle("h2", "9")).recurrence()).isEmpty();
    assertThat(history.remember(bundle("h1", "3")).recurrence()).singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("second time");
  }
}
