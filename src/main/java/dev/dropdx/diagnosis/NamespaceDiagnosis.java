package dev.dropdx.diagnosis;

import dev.dropdx.fact.Drop;
import dev.dropdx.netns.NetnsInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One namespace's share of a diagnosis of every namespace: its drops and, when the budget allowed,
 * its own diagnosis.
 *
 * @param namespace who it is (name, or inode with a process and container inside it)
 * @param drops the target's drops attributed to it
 * @param report its diagnosis, null when it was not diagnosed
 * @param skipped why it was not diagnosed (a budget spent), empty when it was
 */
public record NamespaceDiagnosis(NetnsInfo namespace, List<Drop> drops, DiagnosisReport report, String skipped) {

  public NamespaceDiagnosis {
    drops = List.copyOf(drops);
    skipped = skipped == null ? "" : skipped;
  }

  /** Its packets, all reasons together. */
  public long packets() {
    return drops.stream().mapToLong(Drop::count).sum();
  }

  /** What was concluded, in a word or a list of cause ids. */
  public String cause() {
    if (report == null) {
      return "not diagnosed: " + skipped;
    }
    return switch (report.verdict()) {
      case DIAGNOSED -> String.join(", ", report.diagnoses().stream().map(ExplainedDiagnosis::cause).distinct().toList());
      case INCONCLUSIVE -> "inconclusive";
      case NO_DROPS -> "no drops";
    };
  }

  /** Its table lines: one per reason and location, most packets first. */
  public List<NamespaceRow> rows() {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, Drop> first = new LinkedHashMap<>();
    for (Drop d : drops) {
      String key = d.reason() + " " + d.location();
      counts.computeIfAbsent(key, k -> new long[1])[0] += d.count();
      first.putIfAbsent(key, d);
    }
    List<NamespaceRow> rows = new ArrayList<>();
    counts.forEach((key, n) -> rows.add(new NamespaceRow(namespace.label(), namespace.id(), first.get(key).reason(), first.get(key).location(),
        n[0], cause())));
    rows.sort(Comparator.comparingLong(NamespaceRow::packets).reversed().thenComparing(NamespaceRow::reason));
    return rows;
  }
}
