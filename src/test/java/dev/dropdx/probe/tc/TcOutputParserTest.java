package dev.dropdx.probe.tc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.TcFilter;
import dev.dropdx.fact.TcQdisc;
import dev.dropdx.fact.TcScan;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On `tc -s qdisc show` and `tc -s filter show` output recorded on this kernel (6.18). */
class TcOutputParserTest {

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/recorded/" + name));
  }

  @Test
  void theClsactQdiscCountsWhatTheBpfFilterDropped() throws Exception {
    List<TcQdisc> q = TcOutputParser.qdiscs("ns", "l-b0", recorded("tc-s-qdisc-clsact.txt"));
    assertThat(q).extracting(TcQdisc::kind).containsExactly("noqueue", "clsact");
    TcQdisc clsact = q.get(1);
    assertThat(clsact.holdsFilters()).isTrue();
    assertThat(clsact.handle()).isEqualTo("ffff:");
    assertThat(clsact.parent()).isEqualTo("ffff:fff1");
    assertThat(clsact.dropped()).isEqualTo(3);
    assertThat(clsact.sentPackets()).isEqualTo(8);
    assertThat(q.get(0).placement()).isEqualTo("root");
    assertThat(q.get(0).dropped()).isZero();
  }

  @Test
  void aTbfHasItsSettingsWithoutRefcnt() throws Exception {
    TcQdisc tbf = TcOutputParser.qdiscs("ns", "l-a0", recorded("tc-s-qdisc-tbf.txt")).get(0);
    assertThat(tbf.kind()).isEqualTo("tbf");
    assertThat(tbf.handle()).isEqualTo("800a:");
    assertThat(tbf.params()).isEqualTo("rate 1Mbit burst 2Kb lat 8.19ms");
    assertThat(tbf.holdsFilters()).isFalse();
  }

  @Test
  void underHtbThePfifoLeafSitsBelowTheRoot() throws Exception {
    List<TcQdisc> q = TcOutputParser.qdiscs("ns", "a0", recorded("tc-s-qdisc-htb-pfifo.txt"));
    TcQdisc htb = q.get(0);
    TcQdisc pfifo = q.get(1);
    assertThat(pfifo.placement()).isEqualTo("parent 1:1");
    assertThat(pfifo.params()).isEqualTo("limit 5p");
    assertThat(pfifo.dropped()).isEqualTo(193);
    assertThat(pfifo.below(htb)).isTrue();
    assertThat(htb.below(pfifo)).isFalse();
  }

  @Test
  void theBpfFilterInstanceIsOneDirectActionFilterNotTheChainLine() throws Exception {
    List<TcFilter> f = TcOutputParser.filters("ns", "l-b0", "ingress", recorded("tc-s-filter-bpf-ingress.txt"));
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo("bpf");
      assertThat(x.pref()).isEqualTo(49152);
      assertThat(x.protocol()).isEqualTo("all");
      assertThat(x.directAction()).isTrue();
      assertThat(x.drops()).isTrue();
      assertThat(x.text()).contains("bytecode '4,40 0 0 4294963200");
    });
  }

  @Test
  void aGactFilterDropsOnlyWhenItsActionSaysSo() {
    String drop = """
        filter parent ffff: protocol ip pref 1 u32 chain 0
        filter parent ffff: protocol ip pref 1 u32 chain 0 fh 800: ht divisor 1
        filter parent ffff: protocol ip pref 1 u32 chain 0 fh 800::800 order 2048 key ht 800 bkt 0 not_in_hw
          match 00000000/00000000 at 0
        \taction order 1: gact action drop
        \t random type none pass val 0
        """;
    assertThat(TcOutputParser.filters("ns", "x", "ingress", drop)).singleElement()
        .satisfies(f -> assertThat(f.drops()).isTrue());
    assertThat(TcOutputParser.filters("ns", "x", "ingress", drop.replace("action drop", "action pass"))).singleElement()
        .satisfies(f -> assertThat(f.drops()).isFalse());
  }

  @Test
  void theProbeReadsItsThreeRecordedSectionsAndToleratesAHookWithoutFilters() throws Exception {
    String raw = RecordedSections.writer()
        .section("tc -s qdisc show", RawCommand.encode(ok("tc -s qdisc show dev l-b0", recorded("tc-s-qdisc-clsact.txt"))))
        .section("tc -s filter show ingress", RawCommand.encode(ok("tc -s filter show dev l-b0 ingress", recorded("tc-s-filter-bpf-ingress.txt"))))
        .section("tc -s filter show egress", RawCommand.encode(ok("tc -s filter show dev l-b0 egress", "")))
        .toString();
    ProbeOutcome out = probe().interpret(request("l-b0"), raw, null);
    assertThat(out.facts()).filteredOn(TcScan.class::isInstance).singleElement()
        .satisfies(s -> assertThat(((TcScan) s).describe()).isEqualTo("tc on l-b0: 2 qdisc(s), 1 filter(s)"));
    assertThat(out.facts()).filteredOn(TcFilter.class::isInstance).hasSize(1);
    assertThat(out.summary()).contains("qdisc clsact ffff:").contains("dropped 3").contains("ingress filter bpf pref 49152");
  }

  @Test
  void aMissingDeviceGivesAScanWithItsError() {
    String raw = RecordedSections.writer()
        .section("tc -s qdisc show", RawCommand.encode(new CommandResult(List.of("tc"), 1, "", "Cannot find device \"nope\"\n", false)))
        .toString();
    ProbeOutcome out = probe().interpret(request("nope"), raw, null);
    assertThat(out.facts()).singleElement().isInstanceOfSatisfying(TcScan.class,
        s -> assertThat(s.error()).contains("Cannot find device"));
    assertThat(out.notes()).singleElement().asString().contains("Cannot find device");
  }

  private static TcProbe probe() {
    return new TcProbe(new CommandRunner(new ChildProcesses()));
  }

  private static ProbeRequest request(String iface) {
    return ProbeRequest.of("tc", 50, "test", "why", "netns", "ns", "iface", iface);
  }

  private static CommandResult ok(String command, String stdout) {
    return new CommandResult(List.of(command.split(" ")), 0, stdout, "", false);
  }
}
