package dev.dropdx.history;

import dev.dropdx.evidence.EvidenceBundle;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Remembers each diagnosis and says when a cause keeps coming back on this host. */
@Component
public class DiagnosisHistory {
  private final HistoryStore store;
  private final JsonMapper json;

  public DiagnosisHistory(HistoryStore store, JsonMapper json) {
    this.store = store;
    this.json = json;
  }

  /**
   * What storing a diagnosis gave.
   *
   * @param id history id
   * @param recurrence lines like "3rd time this week on this host: rp-filter (...)"
   */
  public record Remembered(long id, List<String> recurrence) {}

  /** Stores a diagnosis's bundle (the one --save-bundle writes) and returns its id and any recurrence lines. */
  public Remembered remember(EvidenceBundle bundle) {
    List<String> causes = bundle.causes();
    long id = store.record(bundle.hostname(), bundle.target().describe(), bundle.verdict(), causes,
        json.writeValueAsString(bundle.trail()), json.writeValueAsString(bundle));
    List<String> lines = new ArrayList<>();
    OffsetDateTime weekAgo = OffsetDateTime.now().minusDays(7);
    for (String cause : causes) {
      List<HistoryRecord> before = store.earlier(bundle.hostname(), cause, weekAgo, id);
      if (!before.isEmpty()) {
        HistoryRecord first = before.get(before.size() - 1);
        lines.add(ordinal(before.size() + 1) + " time this week on this host: " + cause + " (first on " + first.createdAt().toLocalDate()
            + " at " + first.createdAt().toLocalTime().withNano(0) + ", history show " + first.id() + ")");
      }
    }
    return new Remembered(id, lines);
  }

  static String ordinal(int n) {
    return switch (n) {
      case 2 -> "second";
      case 3 -> "third";
      case 4 -> "fourth";
      case 5 -> "fifth";
      default -> n + "th";
    };
  }
}
