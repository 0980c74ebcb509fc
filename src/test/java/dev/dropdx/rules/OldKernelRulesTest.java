package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.FieldValue;
import dev.dropdx.fact.FunctionReturn;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.KernelAddress;
import dev.dropdx.fact.KernelModule;
import dev.dropdx.fact.LineHit;
import dev.dropdx.fact.MulticastGroups;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.RouteLookup;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The article's three chains on a kernel without drop reasons, step by step, and their near misses. */
class OldKernelRulesTest {
  private static final HostFacts OLD = new HostFacts("4.19.0-27-amd64", true, "/sys/kernel/tracing", Map.of(), List.of("stap", "ip"), List.of());
  private static final HostFacts OLD_418 = new HostFacts("4.18.0-80.el8.x86_64", true, "/sys/kernel/tracing", Map.of(), List.of("stap", "ip"), List.of());
  private static final HostFacts NEW = new HostFacts("6.18.0", true, "/sys/kernel/tracing", Map.of(2, "NOT_SPECIFIED"), List.of("stap"), List.of());

  private static Drop drop(String function, String src, String dst, int proto, String iface, TargetMatch match) {
    return new Drop(function, function + "+0x1a3", "NOT_SPECIFIED", 3, match, "", iface, src, dst, proto, List.of());
  }

  private static Drop ospf() {
    return drop("ip_rcv_finish", "10.10.2.4", "224.0.0.5", 89, "ens5", TargetMatch.TARGET);
  }

  private static FunctionReturn ret(String f, long v) {
    return new FunctionReturn(f, "kernel", v, 3);
  }

  private static LineHit line(String f, String file, int n) {
    return new LineHit(f, "kernel", file, n, 1, 3);
  }

  private static FieldValue privFlags(String v) {
    return new FieldValue("ip_route_input_rcu", "kernel", "net_device", "priv_flags", v, 3);
  }

  private static ProbeRequest only(RuleHarness h) {
    assertThat(h.requests()).hasSize(1);
    return h.requests().get(0);
  }

  @Test
  void multicastChainAsksEachStepInTheArticlesOrder() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, ospf()).fire();
      assertThat(only(h)).satisfies(r -> {
        assertThat(r.probe()).isEqualTo("stap-return");
        assertThat(r.param("function")).isEqualTo("ip_route_input_noref");
      });
      h.insert(ret("ip_route_input_noref", -22)).fire();
      assertThat(only(h)).satisfies(r -> {
        assertThat(r.probe()).isEqualTo("stap-line-trace");
        assertThat(r.params()).containsEntry("function", "ip_route_input_rcu").containsEntry("file", "net/ipv4/route.c");
      });
      h.insert(line("ip_route_input_rcu", "net/ipv4/route.c", 2040)).fire();
      assertThat(only(h).param("function")).isEqualTo("ip_check_mc_rcu");
      h.insert(ret("ip_check_mc_rcu", 0)).fire();
      assertThat(only(h)).satisfies(r -> assertThat(r.params()).containsEntry("field", "priv_flags").containsEntry("pointer", "$dev"));
      h.insert(privFlags("0x29820")).fire();
      assertThat(only(h)).satisfies(r -> {
        assertThat(r.probe()).isEqualTo("stap-mc-walk");
        assertThat(r.param("iface")).isEqualTo("ens5");
      });
      h.insert(new MulticastGroups("", "ens5", 3, List.of("224.0.0.1"), true),
          new MulticastGroups("", "ens4", 2, List.of("224.0.0.1", "224.0.0.5"), true)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("multicast-not-joined");
        assertThat(d.bindings()).containsEntry("iface", "ens5").containsEntry("group", "224.0.0.5").containsEntry("src", "10.10.2.4");
        assertThat(RuleHarness.words(d)).contains("ens4");
      });
    }
  }

  @Test
  void multicastNearMisses() {
    // Another return value: not this branch.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, ospf(), ret("ip_route_input_noref", -18)).fire();
      assertThat(h.requests()).isEmpty();
    }
    // A unicast destination: not the multicast chain.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, drop("ip_rcv_finish", "10.10.2.4", "10.10.2.1", 89, "ens5", TargetMatch.TARGET)).fire();
      assertThat(h.requests()).isEmpty();
    }
    // Someone else's packets.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, drop("ip_rcv_finish", "10.10.2.9", "224.0.0.5", 89, "ens5", TargetMatch.OTHER)).fire();
      assertThat(h.requests()).isEmpty();
    }
    // A kernel with drop reasons: rules/multicast-not-joined/reasons.drl handles it, not this chain.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(NEW, ospf()).fire();
      assertThat(h.requests("stap-return")).isEmpty();
    }
    // An L3 slave: its master is asked too, the walk of the slave alone proves nothing.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, ospf(), ret("ip_route_input_noref", -22), line("ip_route_input_rcu", "net/ipv4/route.c", 2040),
          ret("ip_check_mc_rcu", 0), privFlags("0x229820")).fire();
      assertThat(h.requests("stap-mc-walk")).isEmpty();
    }
    // The group is joined on the interface after all: no diagnosis.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, ospf(), ret("ip_route_input_noref", -22), line("ip_route_input_rcu", "net/ipv4/route.c", 2040),
          ret("ip_check_mc_rcu", 0), privFlags("0x29820"), new MulticastGroups("", "ens5", 3, List.of("224.0.0.5"), true)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  private static Drop greDrop() {
    return new Drop("gre_rcv", "gre_rcv+0x5a", "NOT_SPECIFIED", 8, TargetMatch.TARGET, "", "eth0", "10.10.2.2", "10.10.2.1", 47, List.of());
  }

  private static final KernelAddress GRE_ADDR = new KernelAddress("gre_rcv", "gre_rcv+0x5a", "0xffffffffc099411a");
  private static final KernelModule GRE = new KernelModule("gre", 16384, "0xffffffffc0994000");
  private static final KernelModule IP_GRE = new KernelModule("ip_gre", 28672, "0xffffffffc09b5000");

  private static FieldValue greField(String field, String value) {
    return new FieldValue("gre_rcv", "gre", "gre_base_hdr", field, value, 8);
  }

  private static LineHit greLine(int n) {
    return new LineHit("gre_rcv", "gre", "net/ipv4/gre_demux.c", n, n, 8);
  }

  @Test
  void greChainFindsTheModuleThenTheLinesThenTheVersion() {
    try (RuleHarness h = new RuleHarness()) {
      // rules/gre-version-set/reasons.drl and rules/gre-no-handler/ also ask for a capture and the handler state (no tcpdump on such hosts: not run); the old-kernel chain goes on.
      h.insert(OLD_418, greDrop(), GRE_ADDR).fire();
      assertThat(h.requests("modules")).hasSize(1);
      assertThat(h.requests()).extracting(ProbeRequest::probe).doesNotContain("stap-line-trace", "stap-field");
      h.insert(IP_GRE, GRE).fire();
      assertThat(h.requests("stap-line-trace")).singleElement().satisfies(r -> {
        assertThat(r.probe()).isEqualTo("stap-line-trace");
        assertThat(r.params()).containsEntry("module", "gre").containsEntry("file", "net/ipv4/gre_demux.c");
      });
      h.insert(greLine(157), greLine(160), greLine(161), greLine(164), greLine(165), greLine(166), greLine(173), greLine(175)).fire();
      assertThat(h.requests("stap-field")).extracting(r -> r.param("field")).containsExactlyInAnyOrder("flags", "protocol");
      assertThat(h.requests("stap-field")).allSatisfy(r -> assertThat(r.params()).containsEntry("module", "gre").containsEntry("pointer", "$skb->data"));
      // __be16 fields read on x86: 0x3081 on the wire reads 0x8130.
      h.insert(greField("flags", "0x8130")).fire();
      assertThat(h.requests("stap-field")).extracting(r -> r.param("field")).containsExactly("protocol");
      h.insert(greField("protocol", "0xb88")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("gre-version-set");
        assertThat(d.bindings()).containsEntry("version", "1").containsEntry("headerWord", "0x3081").containsEntry("fixedWord", "0x3080")
            .containsEntry("protocolType", "0x880b").containsEntry("flags", "K S").containsEntry("src", "10.10.2.2");
        assertThat(RuleHarness.words(d)).contains("module gre").contains("0xffffffffc099411a");
      });
    }
  }

  @Test
  void greNearMisses() {
    // The handler was called (line 168 on 4.18): gre_rcv did not give up at the version, nothing more to read.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD_418, greDrop(), GRE_ADDR, GRE, greLine(157), greLine(160), greLine(161), greLine(166), greLine(168)).fire();
      assertThat(h.requests("stap-field")).isEmpty();
    }
    // Version 0: not this cause.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD_418, greDrop(), GRE_ADDR, GRE, greLine(161), greLine(175), greField("flags", "0x0030"), greField("protocol", "0x0008")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
    // The address lies in no loaded module: no module to trace.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD_418, greDrop(), new KernelAddress("gre_rcv", "gre_rcv+0x5a", "0xffffffff8a2b1c23"), GRE).fire();
      assertThat(h.requests("stap-line-trace")).isEmpty();
    }
  }

  @Test
  void vxlanChainTracesTheLinesThenTheLookupThenTheRemoteThenTheRoute() {
    Drop d = new Drop("vxlan_xmit_one", "vxlan_xmit_one+0x5f1", "NOT_SPECIFIED", 5, TargetMatch.TARGET, "", "vxlan0", "172.16.14.2",
        "172.16.15.2", 1, List.of());
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, d).fire();
      assertThat(only(h)).satisfies(r -> assertThat(r.params()).containsEntry("function", "vxlan_xmit_one").containsEntry("file", "drivers/net/vxlan.c"));
      h.insert(new LineHit("vxlan_xmit_one", "vxlan", "drivers/net/vxlan.c", 2190, 1, 5)).fire();
      assertThat(only(h).param("function")).isEqualTo("vxlan_get_route");
      h.insert(new FunctionReturn("vxlan_get_route", "vxlan", -101, 5)).fire();
      assertThat(h.requests("stap-field")).extracting(r -> r.param("field")).containsExactlyInAnyOrder("remote_ip->sin->sin_addr->s_addr", "remote_vni");
      h.insert(new FieldValue("vxlan_xmit_one", "vxlan", "vxlan_rdst", "remote_ip->sin->sin_addr->s_addr", "10.20.30.2", 5),
          new FieldValue("vxlan_xmit_one", "vxlan", "vxlan_rdst", "remote_vni", "0x64000000", 5)).fire();
      assertThat(only(h)).satisfies(r -> {
        assertThat(r.probe()).isEqualTo("route");
        assertThat(r.param("to")).isEqualTo("10.20.30.2");
      });
      h.insert(new RouteLookup("", "output", "10.20.30.2", null, null, null, null, "Network is unreachable")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(x -> {
        assertThat(x.cause()).isEqualTo("vxlan-underlay-no-route");
        assertThat(x.bindings()).containsEntry("remote", "10.20.30.2").containsEntry("iface", "vxlan0").containsEntry("vni", "100");
      });
    }
    // The lookup succeeded: not this cause.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(OLD, d, new LineHit("vxlan_xmit_one", "vxlan", "drivers/net/vxlan.c", 2190, 1, 5),
          new FunctionReturn("vxlan_get_route", "vxlan", 0xffff8880_12345678L, 5)).fire();
      assertThat(h.requests("stap-field")).isEmpty();
    }
  }
}
