package dev.dropdx.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectPlanTest {
  private final Target target = new Target("198.18.1.1", "198.18.0.2", 17, null, null, "lab");
  private final HostFacts host = new HostFacts("6.18", true, "/sys/kernel/tracing", Map.of(2, "NO_SOCKET"), List.of("ip"), List.of());

  private static Drop drop(TargetMatch match, String iface, int protocol) {
    return new Drop("ip_rcv", "ip_rcv+0x1", "IP_RPFILTER", 3, match, "lab", iface, "198.18.1.1", "198.18.0.2", protocol, List.of());
  }

  @Test
  void theBuiltInPlanParsesAndRequiresADropWatch() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(Collector.DEFAULT_PLAN)) {
      CollectPlan plan = CollectPlan.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in");
      assertThat(plan.required()).contains("drop-watch");
      assertThat(plan.steps()).extracting(PlanStep::probe).startsWith("drop-watch")
          .contains("sysctl", "route", "igmp", "local-addresses", "vxlan-link", "sockets", "netfilter", "counters", "softnet",
              "gre-handler", "capture", "modules");
    }
  }

  @Test
  void aLineNamingAFactIsMadeOncePerMatchingFactAndQuotedValuesKeepTheirBlanks() {
    CollectPlan plan = CollectPlan.parse(
        "route netns={Drop.netns} to={Drop.dst} from={Drop.src} iif={Drop.iface} when Drop.match!=OTHER why=\"the input route\"\n"
            + "sysctl netns={target.netns} keys=\"a.b c.d\"\n", "test");
    List<Object> facts = List.of(drop(TargetMatch.TARGET, "eth0", 17), drop(TargetMatch.OTHER, "eth1", 17),
        drop(TargetMatch.TARGET, "eth0", 17));
    List<ProbeRequest> routes = Collector.requests(plan.steps().get(0), target, host, facts);
    assertThat(routes).singleElement().satisfies(r -> {
      assertThat(r.params()).containsExactlyInAnyOrderEntriesOf(Map.of("netns", "lab", "to", "198.18.0.2", "from", "198.18.1.1", "iif", "eth0"));
      assertThat(r.why()).isEqualTo("the input route");
    });
    assertThat(Collector.requests(plan.steps().get(1), target, host, facts)).singleElement()
        .satisfies(r -> assertThat(r.param("keys")).isEqualTo("a.b c.d"));
  }

  @Test
  void forEveryNamespaceTheTargetsOwnNamespaceLinesAreLeftOutAndEachDropNamespaceIsAsked() {
    CollectPlan plan = CollectPlan.parse("sockets netns={target.netns}\n"
        + "sockets netns={Drop.netns} when Drop.match!=OTHER\n"
        + "softnet seconds=1\n", "test");
    Target all = target.inNetns(Target.ALL_NETNS);
    List<Object> drops = List.of(drop(TargetMatch.TARGET, "eth0", 17),
        new Drop("__udp4_lib_rcv", "__udp4_lib_rcv+0x1", "NO_SOCKET", 2, TargetMatch.TARGET, "pid:4711", "eth0", null, null, 17, List.of()));
    // "*" is no namespace a command can run in: the line is not made at all.
    assertThat(Collector.requests(plan.steps().get(0), all, host, drops)).isEmpty();
    assertThat(Collector.requests(plan.steps().get(0), target, host, drops)).singleElement()
        .satisfies(r -> assertThat(r.param("netns")).isEqualTo("lab"));
    assertThat(Collector.requests(plan.steps().get(1), all, host, drops)).extracting(r -> r.param("netns")).containsExactly("lab", "pid:4711");
    assertThat(Collector.requests(plan.steps().get(2), all, host, drops)).hasSize(1);
  }

  @Test
  void aLineIsLeftOutWhenAValueIsMissingOrNoFactMatches() {
    CollectPlan plan = CollectPlan.parse("route netns={target.netns} to={target.dst} from={target.src} iif={target.iface}\n"
        + "gre-handler netns={Drop.netns} when Drop.protocol==47\n"
        + "dropwatch when host.hasDropReasons==false\n", "test");
    List<Object> udpDrops = List.of(drop(TargetMatch.TARGET, "eth0", 17));
    assertThat(Collector.requests(plan.steps().get(0), target, host, udpDrops)).isEmpty(); // no --iface
    assertThat(Collector.requests(plan.steps().get(1), target, host, udpDrops)).isEmpty();
    assertThat(Collector.requests(plan.steps().get(1), target, host, List.of(drop(TargetMatch.UNFILTERED, null, 47)))).hasSize(1);
    assertThat(Collector.requests(plan.steps().get(2), target, host, List.of())).isEmpty(); // this host has drop reasons
  }

  @Test
  void aBrokenPlanSaysWhichLineAndWhatIsWrong() {
    assertThatThrownBy(() -> CollectPlan.parse("# nothing\n", "p")).hasMessageContaining("no probe requests");
    assertThatThrownBy(() -> CollectPlan.parse("sysctl keys=\"a b\n", "p")).hasMessage("p:1: unclosed quote");
    assertThatThrownBy(() -> CollectPlan.parse("\nroute to={target.dst} when Drop.match=OTHER\n", "p"))
        .hasMessageStartingWith("p:2: 'Drop.match=OTHER' is not a condition");
    assertThatThrownBy(() -> CollectPlan.parse("route stray\n", "p")).hasMessageStartingWith("p:1: unexpected 'stray'");
    assertThatThrownBy(() -> CollectPlan.parse("Route\n", "p")).hasMessageStartingWith("p:1: 'Route' is not a probe id");
  }

  @Test
  void aFieldTheFactDoesNotHaveIsAPlanError() {
    CollectPlan plan = CollectPlan.parse("route to={target.destination}\n", "p");
    assertThatThrownBy(() -> Collector.requests(plan.steps().get(0), target, host, List.of()))
        .isInstanceOf(CollectPlanException.class).hasMessageContaining("target has no field 'destination'");
  }
}
