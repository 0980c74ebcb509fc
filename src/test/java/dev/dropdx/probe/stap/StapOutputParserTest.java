package dev.dropdx.probe.stap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.FieldValue;
import dev.dropdx.fact.FunctionReturn;
import dev.dropdx.fact.KernelAddress;
import dev.dropdx.fact.LineHit;
import dev.dropdx.fact.MulticastGroups;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.probe.stap.StapOutputParser.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stap scripts' key=value output, recorded by hand in each script's documented format. */
class StapOutputParserTest {
  private static List<Record> recorded(String name) throws Exception {
    return StapOutputParser.records(Files.readString(Path.of("src/test/resources/recorded", name)));
  }

  @Test
  void kfreeSkbLocationGivesTheSameDropFactsAsTracefsWithReasonNotSpecified() throws Exception {
    List<Record> r = recorded("stap-kfree_skb-ospf.txt");
    Target ospf = new Target("10.10.2.4", "224.0.0.5", 89, null, "ens5", "");
    List<Drop> drops = StapOutputParser.drops(r, ospf);
    assertThat(drops).hasSize(2);
    assertThat(drops.get(0)).satisfies(d -> {
      assertThat(d.function()).isEqualTo("ip_rcv_finish");
      assertThat(d.location()).isEqualTo("ip_rcv_finish+0x1a3");
      assertThat(d.reason()).isEqualTo("NOT_SPECIFIED");
      assertThat(d.count()).isEqualTo(3);
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.iface()).isEqualTo("ens5");
      assertThat(d.protocol()).isEqualTo(89);
    });
    // Same addresses, but IGMP (protocol 2): the address filter let it through, the protocol does not.
    assertThat(drops.get(1).match()).isEqualTo(TargetMatch.OTHER);
    assertThat(StapOutputParser.addresses(r)).containsExactly(new KernelAddress("ip_rcv_finish", "ip_rcv_finish+0x1a3", "0xffffffff8a2b1c23"));
    assertThat(StapOutputParser.summary(r)).hasValueSatisfying(s -> assertThat(s.number("other")).isEqualTo(57));
  }

  @Test
  void withoutAnAddressFilterEveryDropIsOnlyPossiblyTheTargets() throws Exception {
    List<Drop> drops = StapOutputParser.drops(recorded("stap-kfree_skb-ospf.txt"), new Target(null, null, null, null, null, ""));
    assertThat(drops).extracting(Drop::match).containsOnly(TargetMatch.UNFILTERED);
  }

  @Test
  void returnValuesSkipStapsOwnWarnings() throws Exception {
    assertThat(StapOutputParser.returns(recorded("stap-return-noref.txt")))
        .containsExactly(new FunctionReturn("ip_route_input_noref", "kernel", -22, 3));
    assertThat(new FunctionReturn("vxlan_get_route", "vxlan", -101, 1).errnoName()).isEqualTo("ENETUNREACH");
  }

  @Test
  void lineHitsAreDistinctLinesInTheOrderTheyFirstRanWithCounts() throws Exception {
    List<LineHit> hits = StapOutputParser.lineHits(recorded("stap-line-trace-gre.txt"));
    assertThat(hits).extracting(LineHit::line).containsExactly(157, 160, 161, 164, 165, 166, 173, 175);
    assertThat(hits.get(2)).isEqualTo(new LineHit("gre_rcv", "gre", "net/ipv4/gre_demux.c", 161, 3, 2));
    List<LineHit> kernel = StapOutputParser.lineHits(StapOutputParser.records(
        "line\tcall=1\tseq=1\tpp=kernel.statement(\"ip_route_input_rcu@net/ipv4/route.c:2048\")\n"));
    assertThat(kernel).containsExactly(new LineHit("ip_route_input_rcu", "kernel", "net/ipv4/route.c", 2048, 1, 1));
  }

  @Test
  void fieldValuesAndMembership() throws Exception {
    assertThat(StapOutputParser.fields(recorded("stap-field-gre.txt")))
        .singleElement().satisfies(f -> {
          assertThat(f).isEqualTo(new FieldValue("gre_rcv", "gre", "sk_buff", "data[1]", "0x81", 8));
          assertThat(f.number() & 7).isEqualTo(1);
        });
    List<MulticastGroups> groups = StapOutputParser.membership(recorded("stap-mc-walk-ens5.txt"), "");
    assertThat(groups).extracting(MulticastGroups::iface).containsExactly("ens5", "lo", "ens4");
    assertThat(groups.get(0).hasJoined("224.0.0.5")).isFalse();
    assertThat(groups.get(2).hasJoined("224.0.0.5")).isTrue();
  }

  @Test
  void garbageYieldsNothing() {
    assertThat(StapOutputParser.records("Pass 5: run failed\nsemantic error: no match\n\n")).isEmpty();
  }
}
