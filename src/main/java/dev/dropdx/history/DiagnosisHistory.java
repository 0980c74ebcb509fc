package dev.dropdx.history;

import dev.dropdx.evidence.EvidenceBundle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
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

  /** Stores a live diagnosis's bundle (the one --save-bundle writes): its own evidence, gathered on this host. */
  public Remembered remember(EvidenceBundle bundle) {
    return remember(bundle, bundle);
  }

  /**
   * Stores a diagnosis's bundle and returns its id and any recurrence lines. {@code source} is the
   * evidence it was made from: the bundle itself for a live diagnosis, the replayed bundle for a
   * replay. Only a first diagnosis of evidence gathered on this host is an occurrence here: a replay
   * of a known bundle, or of another host's bundle, adds no count and no recurrence line.
   */
  public Remembered remember(EvidenceBundle bundle, EvidenceBundle source) {
    List<String> causes = bundle.causes();
    HistoryStore.Incident incident = new HistoryStore.Incident(source.hostname(), fingerprint(source));
    long id = store.record(bundle.hostname(), bundle.target().describe(), bundle.verdict(), causes,
        json.writeValueAsString(bundle.trail()), json.writeValueAsString(bundle), incident);
    List<String> lines = new ArrayList<>();
    if (!bundle.hostname().equals(source.hostname()) || store.known(incident.fingerprint(), id)) {
      return new Remembered(id, lines);
    }
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

  /** The evidence's identity: what was asked and what every probe answered (not when it was bundled). */
  String fingerprint(EvidenceBundle evidence) {
    byte[] content = json.writeValueAsBytes(List.of(evidence.target(), evidence.probes()));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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
