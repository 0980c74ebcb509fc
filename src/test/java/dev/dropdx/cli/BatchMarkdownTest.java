package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.batch.BatchResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchMarkdownTest {

  @Test
  void hostsAreGroupedByCauseWithCausesFirstAndHealthyHostsLast() {
    List<BatchResult> results = List.of(
        new BatchResult("r3", "b/r3.json", "no-drops", List.of(), 4, null),
        new BatchResult("r4", "b/r4.status.json", "unreachable", List.of(), 1, "r4: unreachable: Connection refused"),
        new BatchResult("r2", "b/r2.json", "diagnosed", List.of("vxlan-underlay-no-route"), 0, null),
        new BatchResult("r1", "b/r1.json", "diagnosed", List.of("multicast-not-joined"), 0, null),
        new BatchResult("r5", "b/r5.json", "diagnosed", List.of("multicast-not-joined"), 0, null));
    String md = BatchMarkdown.render(results);
    List<String> rows = md.lines().filter(l -> l.startsWith("| r")).toList();
    assertThat(rows).extracting(l -> l.substring(2, 4)).containsExactly("r1", "r5", "r2", "r4", "r3");
    assertThat(rows.get(3)).isEqualTo("| r4 | unreachable | r4: unreachable: Connection refused | b/r4.status.json |");
    assertThat(md).contains("## dropdx fleet report: 5 host(s)")
        .contains("| multicast-not-joined | r1, r5 | 2 |")
        .contains("| unreachable | r4 | 1 |")
        .contains("| no-drops | r3 | 1 |");
  }

  @Test
  void pipesInMessagesDoNotBreakTheTable() {
    String md = BatchMarkdown.render(List.of(new BatchResult("h|1", null, "failed", List.of(), 1, "a | b\nc")));
    assertThat(md).contains("| h\\|1 | failed | a \\| b c |  |");
  }
}
