package dev.dropdx.probe.tracefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.tracefs.TraceOutputParser.DropGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceOutputParserTest {

  @Test
  void groupsRecordedRpFilterDropsWithTheirStack() throws Exception {
    List<DropGroup> groups = TraceOutputParser.parse(Files.readString(Path.of("src/test/resources/recorded/trace-rpfilter.txt")));
    assertThat(groups).singleElement().satisfies(g -> {
      assertThat(g.location()).isEqualTo("ip_rcv_finish_core+0x25b/0x470");
      assertThat(g.function()).isEqualTo("ip_rcv_finish_core");
      assertThat(g.reason()).isEqualTo("IP_RPFILTER");
      assertThat(g.count()).isEqualTo(3);
      assertThat(g.stack()).contains("ip_rcv_finish_core", "ip_rcv").doesNotContain("<stack trace>");
    });
  }

  @Test
  void aKernelWithoutReasonsGivesNotSpecified() {
    String line = "  <idle>-0 [000] ..s1. 1.0: kfree_skb: skbaddr=0000 protocol=2048 location=ip_rcv_finish+0x1a/0x90\n";
    assertThat(TraceOutputParser.parse(line)).singleElement().satisfies(g -> {
      assertThat(g.reason()).isEqualTo("NOT_SPECIFIED");
      assertThat(g.function()).isEqualTo("ip_rcv_finish");
    });
  }

  @Test
  void separatesLocationsAndReasons() {
    String trace = """
        a-1 [000] ..s1. 1.0: kfree_skb: skbaddr=01 rx_sk=00 protocol=2048 location=ip_rcv_finish_core+0x25b/0x470 reason: IP_RPFILTER
        a-1 [000] ..s1. 1.1: kfree_skb: skbaddr=02 rx_sk=00 protocol=2048 location=ip_rcv_finish_core+0x25b/0x470 reason: NOT_SPECIFIED
        a-1 [000] ..s1. 1.2: kfree_skb: skbaddr=03 rx_sk=00 protocol=2048 location=ip_rcv_finish_core+0x25b/0x470 reason: IP_RPFILTER
        """;
    assertThat(TraceOutputParser.parse(trace)).extracting(DropGroup::reason, DropGroup::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("IP_RPFILTER", 2L), org.assertj.core.groups.Tuple.tuple("NOT_SPECIFIED", 1L));
  }

  @Test
  void readsTheOverrunCounter() throws Exception {
    assertThat(TraceOutputParser.overrun(Files.readString(Path.of("src/test/resources/recorded/cpu-stats.txt")))).isZero();
    assertThat(TraceOutputParser.overrun("entries: 9\noverrun: 1234\ncommit overrun: 0\n")).isEqualTo(1234);
  }
}
