package dev.dropdx.cli;

import dev.dropdx.batch.BatchResult;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Markdown of a batch (a fleet report): one row per host grouped by cause (hosts without a
 * cause by verdict: no-drops, unreachable, ...), then how many hosts share each cause.
 */
public final class BatchMarkdown {

  private BatchMarkdown() {}

  public static String render(List<BatchResult> results) {
    List<BatchResult> rows = results.stream()
        .sorted(Comparator.comparingInt((BatchResult r) -> rank(r)).thenComparing(BatchResult::group)
            .thenComparing(r -> r.host() == null ? "" : r.host()))
        .toList();
    StringBuilder sb = new StringBuilder("## dropdx fleet report: ").append(results.size()).append(" host(s)\n\n");
    sb.append("| host | verdict | cause | bundle |\n|---|---|---|---|\n");
    for (BatchResult r : rows) {
      String cause = r.error() != null ? r.error() : String.join(", ", r.causes());
      sb.append("| ").append(cell(r.host() == null ? "?" : r.host())).append(" | ").append(r.verdict()).append(" | ")
          .append(cell(cause)).append(" | ").append(cell(r.file() == null ? "" : r.file())).append(" |\n");
    }
    Map<String, List<String>> byGroup = rows.stream().collect(Collectors.groupingBy(BatchResult::group, LinkedHashMap::new,
        Collectors.mapping(r -> r.host() == null ? "?" : r.host(), Collectors.toList())));
    sb.append("\n### By cause\n\n| cause or verdict | hosts | count |\n|---|---|---|\n");
    byGroup.forEach((g, hosts) -> sb.append("| ").append(cell(g)).append(" | ").append(cell(String.join(", ", hosts))).append(" | ")
        .append(hosts.size()).append(" |\n"));
    return sb.toString();
  }

  /** Proven causes first, then what still needs a look (inconclusive, hosts not diagnosed, bad files), healthy last. */
  private static int rank(BatchResult r) {
    if (!r.causes().isEmpty()) {
      return 0;
    }
    return switch (r.verdict()) {
      case "inconclusive" -> 1;
      case "no-drops" -> 3;
      default -> 2;
    };
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
