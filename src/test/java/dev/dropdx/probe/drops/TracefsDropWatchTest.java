package dev.dropdx.probe.drops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.bpftrace.BpftraceDropScript;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drop watch says what it watched, for how long, and what its counts cover (issue 14: "for 4 s" after 2.5 s). */
class TracefsDropWatchTest {
  private static final ProbeRequest WATCH = ProbeRequest.of("drop-watch", 100, "common: watch", "why");
  private static final HostFacts HOST = new HostFacts("6.1.0", true, "/sys/kernel/tracing", Map.of(), List.of("bpftrace"), List.of());
  private static final ProbeContext CONTEXT = new ProbeContext(new Target("198.18.2.1", null, 1, null, null, ""), HOST, 4, line -> { });
  private final TracefsDropWatch perPacket = new TracefsDropWatch(null, null, null, null, 8, true);

  private static String recorded(String watchedMillis) {
    RecordedSections.Writer w = RecordedSections.writer().value("window", 4).value("per-packet", true).value("target-netns-inode", 0)
        .value("lost-events", 0);
    if (watchedMillis != null) {
      w.value("watched-ms", watchedMillis);
    }
    return w.section("bpftrace", "@drops[ip_rcv_finish_core, 16, 198.18.2.1, 198.18.1.2, 1, eth0, 0, 0]: 14\n")
        .section("tracefs trace", "").toString();
  }

  @Test
  void aWatchThatEndedEarlySaysHowLongItWatchedNotTheWindow() {
    ProbeOutcome o = perPacket.interpret(WATCH, recorded("2500"), CONTEXT);
    assertThat(o.summary()).isEqualTo("watched kfree_skb for 2.5 s of the 4 s window with tracefs+bpftrace: 14 matching drop(s), "
        + "0 other drop(s) ignored in those 2.5 s");
    assertThat(o.facts()).filteredOn(DropWatchSummary.class::isInstance).singleElement()
        .extracting(f -> ((DropWatchSummary) f).watchedMillis()).isEqualTo(2500L);
  }

  @Test
  void aWholeWindowAndOlderBundlesSayTheWindow() {
    assertThat(perPacket.interpret(WATCH, recorded(null), CONTEXT).summary())
        .startsWith("watched kfree_skb for 4 s with tracefs+bpftrace: 14 matching").endsWith("ignored in those 4 s");
    assertThat(perPacket.interpret(WATCH, recorded("4000"), CONTEXT).summary()).startsWith("watched kfree_skb for 4 s with");
  }

  @Test
  void watchedTimeCountsBpftracesTicksNotItsStartUp() {
    String tick = BpftraceDropScript.TICK + "\n@drops[x]: 1\n";
    String stdout = "Attaching 4 probes...\n" + tick.repeat(10) + BpftraceDropScript.FINAL + "\n";
    assertThat(TracefsDropWatch.watchedMillis(stdout, true, 4)).isEqualTo(10L * BpftraceDropScript.TICK_MILLIS);
    assertThat(TracefsDropWatch.watchedMillis(stdout, false, 4)).isEqualTo(4000);
    assertThat(TracefsDropWatch.watchedMillis(tick.repeat(4000 / BpftraceDropScript.TICK_MILLIS + 10), true, 4))
        .as("never more than the window").isEqualTo(4000);
  }

  @Test
  void aKilledWatchCountsTheTicksUpToTheDumpItKeeps() {
    String tick = BpftraceDropScript.TICK + "\n@drops[x]: 1\n";
    // killed after its 6th marker: the 5th dump, complete, is the map kept (the 6th may be half-written)
    assertThat(TracefsDropWatch.watchedMillis(tick.repeat(6), true, 4)).isEqualTo(5L * BpftraceDropScript.TICK_MILLIS);
    assertThat(TracefsDropWatch.watchedMillis(BpftraceDropScript.TICK + "\n", true, 4)).isZero();
  }

  @Test
  void eachDropCarriesBpftracesSampledStackOfItsPlace() {
    String raw = RecordedSections.writer().value("window", 4).value("per-packet", true).value("target-netns-inode", 0)
        .value("lost-events", 0).value("watched-ms", 500)
        .section("bpftrace", "@drops[ip_rcv_finish_core, 16, 198.18.2.1, 198.18.1.2, 1, eth0, 0, 0]: 14\n"
            + "@drops[__udp4_lib_rcv, 3, 198.18.9.9, 198.18.9.8, 17, eth1, 0, 53]: 2\n"
            + "@stacks[ip_rcv_finish_core, 16]: \n        sk_skb_reason_drop+144\n        ip_rcv_finish_core+608\n\n")
        .section("tracefs trace", "").toString();
    HostFacts host = new HostFacts("6.1.0", true, "/sys/kernel/tracing", Map.of(16, "IP_RPFILTER", 3, "NO_SOCKET"), List.of("bpftrace"),
        List.of());
    ProbeOutcome o = perPacket.interpret(WATCH, raw, new ProbeContext(CONTEXT.target(), host, 4, line -> { }));
    assertThat(o.facts()).filteredOn(dev.dropdx.fact.Drop.class::isInstance).map(dev.dropdx.fact.Drop.class::cast)
        .extracting(dev.dropdx.fact.Drop::reason, dev.dropdx.fact.Drop::stack)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("IP_RPFILTER", List.of("sk_skb_reason_drop+144", "ip_rcv_finish_core+608")),
            org.assertj.core.groups.Tuple.tuple("NO_SOCKET", List.of()));
  }

  @Test
  void theEndNoteIsInTheWatchsOwnTimeAndNamesTheStartUpApart() {
    // Before: "ended early, 5.0 s after bpftrace started (the window allows 4 s)": start-up counted as watching.
    String early = TracefsDropWatch.ended(true, 4, 2500, 1500, 5.0);
    assertThat(early).isEqualTo("the watch ended early: drops matching the target were seen 1.5 s into it and counted for 1.0 s more, "
        + "so bpftrace watched 2.5 s of the 4 s window (its start-up, 2.5 s before that, is not counted)");
    assertThat(TracefsDropWatch.ended(false, 4, 4000, 0, 5.2)).isEqualTo("the watch ran its whole 4 s window (no drop matching the "
        + "target ended it early; bpftrace's start-up, 1.2 s before that, is not counted)");
  }

  @Test
  void theCoverageNoteSaysWhatTheCountsCover() {
    // per packet, bpftrace alone: no tracefs trace runs beside it any more (issue 14: cost to the host)
    assertThat(TracefsDropWatch.coverage(true, 2500)).isEqualTo("the drop counts cover the 2.5 s bpftrace watched (from when its "
        + "probes were attached until it stopped; stacks and locations are its sample, the first drop of each place)");
    assertThat(TracefsDropWatch.coverage(false, 4003)).isEqualTo("the drop counts cover the 4.0 s the tracefs trace was on");
  }

  /** A host-wide watch: three namespaces' drops and one without device or socket (namespace 0). */
  private static String allNetns() {
    String map = new dev.dropdx.netns.NetnsMap(List.of(new dev.dropdx.netns.NetnsInfo(11, "dropdx-lab-r", false, 0, "", ""),
        new dev.dropdx.netns.NetnsInfo(22, "", false, 4711, "sleep", ""), new dev.dropdx.netns.NetnsInfo(33, "", false, 0, "", ""))).encode();
    return RecordedSections.writer().value("window", 3).value("per-packet", true).value("target-netns-inode", 0).value("all-netns", true)
        .value("lost-events", 0)
        .section("bpftrace", "@drops[ip_rcv_finish_core, 16, 198.18.2.1, 198.18.1.2, 1, rx0, 11, 0]: 14\n"
            + "@drops[__udp4_lib_rcv, 3, 198.18.150.1, 198.18.150.2, 17, nsc-rx0, 22, 5150]: 30\n"
            + "@drops[__ip_queue_xmit, 2, 198.18.9.1, 198.18.9.2, 6, , 0, 80]: 5\n"
            + "@drops[ip_forward, 9, 198.18.8.1, 198.18.8.2, 1, fw0, 33, 0]: 7\n")
        .section("tracefs trace", "").section("namespaces", map).toString();
  }

  @Test
  void aHostWideWatchAttributesEachDropToItsNamespaceAndNeverGuessesNamespaceZero() {
    ProbeContext all = new ProbeContext(new Target(null, null, null, null, null, Target.ALL_NETNS), HOST, 3, line -> { });
    HostFacts host = new HostFacts("6.1.0", true, "/sys/kernel/tracing", Map.of(16, "IP_RPFILTER", 3, "NO_SOCKET", 2, "NOT_SPECIFIED",
        9, "IP_INHDR"), List.of("bpftrace"), List.of());
    all = new ProbeContext(all.target(), host, 3, line -> { });
    ProbeOutcome o = perPacket.interpret(WATCH, allNetns(), all);
    List<dev.dropdx.fact.Drop> drops = o.facts().stream().filter(dev.dropdx.fact.Drop.class::isInstance).map(dev.dropdx.fact.Drop.class::cast)
        .toList();
    assertThat(drops).extracting(dev.dropdx.fact.Drop::netns, d -> d.match().name()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("dropdx-lab-r", "TARGET"), org.assertj.core.groups.Tuple.tuple("pid:4711", "TARGET"),
        org.assertj.core.groups.Tuple.tuple("unattributable", "OTHER"), org.assertj.core.groups.Tuple.tuple("netns inode 33", "OTHER"));
    // The port a Drop does not carry comes with the flow, for the per-namespace diagnosis.
    assertThat(o.facts()).filteredOn(dev.dropdx.netns.NamespaceFlow.class::isInstance).hasSize(2)
        .contains(new dev.dropdx.netns.NamespaceFlow("pid:4711", "__udp4_lib_rcv", "NO_SOCKET", "198.18.150.2", 17, 5150, 30));

    // The same recording read for one namespace: its drops are the target's, everyone else's (namespace 0 too) are not.
    ProbeContext one = new ProbeContext(new Target(null, null, null, null, null, "pid:4711"), host, 3, line -> { });
    assertThat(perPacket.interpret(WATCH, allNetns(), one).facts()).filteredOn(dev.dropdx.fact.Drop.class::isInstance)
        .extracting(f -> ((dev.dropdx.fact.Drop) f).match().name() + " " + ((dev.dropdx.fact.Drop) f).netns())
        .containsExactly("OTHER dropdx-lab-r", "TARGET pid:4711", "OTHER unattributable", "OTHER netns inode 33");
  }

  @Test
  void everyNamespaceWithoutAnAddressWatchesBothFamiliesAndAnAddressOnlyItsOwn() {
    Target all = new Target(null, null, null, null, null, Target.ALL_NETNS);
    assertThat(TracefsDropWatch.tracefsFilter(all)).isEqualTo("protocol == 2048 || protocol == 34525 || protocol == 0");
    assertThat(TracefsDropWatch.program(all, 3, true)).isEqualTo(BpftraceDropScript.bothFamiliesProgram(3, true, BpftraceDropScript.WHOLE_WINDOW_TICK_MILLIS));
    Target all6 = new Target(null, "2001:db8:60::2", null, null, null, Target.ALL_NETNS);
    assertThat(TracefsDropWatch.tracefsFilter(all6)).isEqualTo("protocol == 34525 || protocol == 0");
    assertThat(TracefsDropWatch.program(all6, 3, true)).isEqualTo(BpftraceDropScript.ipv6Program(3, true, BpftraceDropScript.WHOLE_WINDOW_TICK_MILLIS));
    Target all4 = new Target("198.18.2.1", null, null, null, null, Target.ALL_NETNS);
    assertThat(TracefsDropWatch.tracefsFilter(all4)).isEqualTo("protocol == 2048 || protocol == 0");
    assertThat(TracefsDropWatch.program(all4, 3, true)).isEqualTo(BpftraceDropScript.program(3, true, BpftraceDropScript.WHOLE_WINDOW_TICK_MILLIS));
    // ICMPv6 names the family as an address does.
    assertThat(TracefsDropWatch.program(new Target(null, null, 58, null, null, Target.ALL_NETNS), 3, false))
        .isEqualTo(BpftraceDropScript.ipv6Program(3, false, BpftraceDropScript.WHOLE_WINDOW_TICK_MILLIS));
    // One namespace without an address: IPv4, as before.
    Target one = new Target(null, null, null, null, null, "dropdx-lab-r");
    assertThat(TracefsDropWatch.tracefsFilter(one)).isEqualTo("protocol == 2048 || protocol == 0");
    assertThat(TracefsDropWatch.program(one, 3, false)).isEqualTo(BpftraceDropScript.program(3, false));
  }

  @Test
  void aWatchThatCanEndEarlyDumpsItsMapTenTimesASecondOneOfEveryNamespaceOnce() {
    // issue 14, cost to the host: a watch of every namespace runs its whole window, so its dumps end nothing
    assertThat(TracefsDropWatch.program(new Target(null, null, null, null, null, Target.ALL_NETNS), 3, true))
        .contains("interval:ms:1000 {").doesNotContain("interval:ms:100 {");
    assertThat(TracefsDropWatch.program(new Target(null, "198.18.1.2", 17, 53, null, "dropdx-lab-r"), 3, true))
        .contains("interval:ms:100 {").doesNotContain("interval:ms:1000 {");
    assertThat(TracefsDropWatch.program(new Target(null, "2001:db8::2", 17, 53, null, "dropdx-lab-r"), 3, true))
        .contains("interval:ms:100 {");
  }

  @Test
  void aHostWideWatchOfBothFamiliesAttributesAContainersIpv6DropToItsNamespace() {
    String map = new dev.dropdx.netns.NetnsMap(List.of(new dev.dropdx.netns.NetnsInfo(11, "dropdx-lab-r", false, 0, "", ""),
        new dev.dropdx.netns.NetnsInfo(22, "", false, 4711, "sleep", ""))).encode();
    String recorded = RecordedSections.writer().value("window", 3).value("per-packet", true).value("target-netns-inode", 0)
        .value("all-netns", true).value("lost-events", 0)
        .section("bpftrace", "@drops[ip_rcv_finish_core, 16, 198.18.2.1, 198.18.1.2, 1, rx0, 11, 0]: 14\n"
            + "@drops[__udp6_lib_rcv, 3, 2001:db8:60::1, 2001:db8:60::2, 17, v6b, 22, 5098]: 3\n")
        .section("tracefs trace", "").section("namespaces", map).toString();
    HostFacts host = new HostFacts("6.1.0", true, "/sys/kernel/tracing", Map.of(16, "IP_RPFILTER", 3, "NO_SOCKET"), List.of("bpftrace"),
        List.of());
    ProbeContext all = new ProbeContext(new Target(null, null, null, null, null, Target.ALL_NETNS), host, 3, line -> { });
    ProbeOutcome o = perPacket.interpret(WATCH, recorded, all);
    assertThat(o.facts()).filteredOn(dev.dropdx.fact.Drop.class::isInstance).map(dev.dropdx.fact.Drop.class::cast)
        .extracting(d -> d.match().name() + " " + d.netns() + " " + d.reason() + " " + d.dst())
        .containsExactly("TARGET dropdx-lab-r IP_RPFILTER 198.18.1.2", "TARGET pid:4711 NO_SOCKET 2001:db8:60::2");
    assertThat(o.facts()).filteredOn(dev.dropdx.netns.NamespaceFlow.class::isInstance)
        .contains(new dev.dropdx.netns.NamespaceFlow("pid:4711", "__udp6_lib_rcv", "NO_SOCKET", "2001:db8:60::2", 17, 5098, 3));
    // Asked about an IPv4 address, the IPv6 drop is someone else's.
    ProbeContext v4 = new ProbeContext(new Target(null, "198.18.1.2", null, null, null, Target.ALL_NETNS), host, 3, line -> { });
    assertThat(perPacket.interpret(WATCH, recorded, v4).facts()).filteredOn(dev.dropdx.fact.Drop.class::isInstance)
        .map(dev.dropdx.fact.Drop.class::cast).extracting(d -> d.match().name() + " " + d.netns())
        .containsExactly("TARGET dropdx-lab-r", "OTHER pid:4711");
  }

  @Test
  void theWatchReadsTheSocketsNamespaceWhenTheSkbHasNoDevice() {
    assertThat(BpftraceDropScript.program(3, false))
        .contains("if ($dev != 0) { $ns = $dev->nd_net.net->ns.inum; }")
        .contains("else { if ($sk != 0) { $ns = $sk->__sk_common.skc_net.net->ns.inum; } }");
  }
}
