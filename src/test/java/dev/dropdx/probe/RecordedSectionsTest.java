package dev.dropdx.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one recorded format: written and read back, and output written before it existed read the same. */
class RecordedSectionsTest {

  @Test
  void whatIsWrittenReadsBack() {
    String raw = RecordedSections.writer().value("window", 3).note("a\nb").section("bpftrace", "@drops[1]: 2\n")
        .section("tracefs trace", "ping-1 kfree_skb\n").toString();
    RecordedSections r = RecordedSections.read(raw, "bpftrace", "tracefs trace");
    assertThat(r.value("window")).contains("3");
    assertThat(r.notes()).containsExactly("a b");
    assertThat(r.section("bpftrace")).isEqualTo("@drops[1]: 2\n");
    assertThat(r.section("tracefs trace")).isEqualTo("ping-1 kfree_skb\n");
  }

  @Test
  void outputRecordedByEarlierVersionsReadsTheSame() {
    // drop-watch as v1 bundles hold it (src/test/resources/bundles/rp-filter.json): bpftrace output without a final line break.
    RecordedSections watch = RecordedSections.read("window: 3\nper-packet: true\nnote: x: y\n--- bpftrace ---\n@a: 1--- tracefs trace ---\nT\n",
        "bpftrace", "tracefs trace");
    assertThat(watch.value("per-packet")).contains("true");
    assertThat(watch.notes()).containsExactly("x: y");
    assertThat(watch.section("bpftrace")).isEqualTo("@a: 1");
    assertThat(watch.section("tracefs trace")).isEqualTo("T\n");
    // netfilter with only nft installed: the first section is absent.
    RecordedSections nft = RecordedSections.read("--- nft -a list ruleset ---\n$ nft\nexit 0\n", "iptables-save -c", "nft -a list ruleset");
    assertThat(nft.has("iptables-save -c")).isFalse();
    assertThat(nft.section("nft -a list ruleset")).isEqualTo("$ nft\nexit 0\n");
    // capture: free head text (the tcpdump command) before the sections.
    RecordedSections capture = RecordedSections.read("$ tcpdump\nexit 0\n--- pcap base64 ---\nAAAA\n", "decoded", "pcap base64");
    assertThat(capture.head()).isEqualTo("$ tcpdump\nexit 0\n");
    assertThat(capture.has("decoded")).isFalse();
    assertThat(capture.section("pcap base64")).isEqualTo("AAAA\n");
  }

  @Test
  void sectionsAreFoundInTheOrderWrittenOnly() {
    RecordedSections r = RecordedSections.read("--- b ---\nB\n--- a ---\nA\n", "a", "b");
    assertThat(r.has("a")).isTrue();
    assertThat(r.has("b")).isFalse(); // b before a is not a section of this output
    assertThat(r.head()).isEqualTo("--- b ---\nB\n");
  }
}
