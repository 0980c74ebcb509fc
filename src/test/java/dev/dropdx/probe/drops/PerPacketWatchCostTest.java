package dev.dropdx.probe.drops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.bpftrace.BpftraceDropScript;
import dev.dropdx.probe.bpftrace.BpftraceOutputParser;
import dev.dropdx.probe.bpftrace.BpftraceOutputParser.PacketDrop;
import dev.dropdx.probe.bpftrace.BpftraceOutputParser.SampledStack;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.host.NetnsInodes;
import dev.dropdx.probe.tracefs.TracefsInstance;
import dev.dropdx.probe.tracefs.TracefsInstances;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What watching costs the host (issue 14, flood ratio): per packet, bpftrace watches alone (no
 * tracefs event records every drop beside it), locations come from its stack sample, and its
 * growing output is scanned once, not copied at every poll.
 */
class PerPacketWatchCostTest {
  private static final ProbeRequest WATCH = ProbeRequest.of("drop-watch", 100, "common: watch", "why");
  private static final HostFacts HOST = new HostFacts("6.1.0", true, "/sys/kernel/tracing", Map.of(3, "NO_SOCKET"), List.of("bpftrace"),
      List.of());
  private static final String TICK = BpftraceDropScript.TICK + "\n";
  private static final String DUMP = "@drops[__udp4_lib_rcv, 3, 198.18.2.1, 198.18.1.2, 17, rx0, 7, 9000]: 5\n"
      + "@stacks[__udp4_lib_rcv, 3]: \n        sk_skb_reason_drop+144\n        __udp4_lib_rcv+1212\n        ip_protocol_deliver_rcu+216\n\n";

  /** Any tracefs instance made by the per-packet watch fails the test. */
  private static final class NoInstances extends TracefsInstances {
    int created;

    @Override
    public TracefsInstance create(Path tracefs) {
      created++;
      throw new AssertionError("the per-packet watch made a tracefs instance");
    }
  }

  /** Runs a shell script in place of bpftrace. */
  private static CommandRunner fakeBpftrace(ChildProcesses children, String script) {
    return new CommandRunner(children) {
      @Override
      public Process start(List<String> command) {
        assertThat(command.get(0)).isEqualTo("bpftrace");
        return super.start(List.of("sh", "-c", script));
      }
    };
  }

  private static NetnsInodes inode(long inode) {
    return new NetnsInodes() {
      @Override
      public long inodeOf(String netns) {
        return inode;
      }
    };
  }

  private static String printf(String text) {
    return "printf '%s' '" + text.replace("'", "'\\''") + "'";
  }

  @Test
  void perPacketTheWatchRunsBpftraceAloneAndTakesTheLocationFromItsStackSample() {
    ChildProcesses children = new ChildProcesses();
    NoInstances instances = new NoInstances();
    // bpftrace's dumps every tick, the target's drop in each: the watch settles and kills it
    String script = printf("Attaching 2 probes...\n") + "; for i in 1 2 3 4 5 6 7 8 9 10; do " + printf(TICK + DUMP) + "; sleep 0.1; done; sleep 30";
    TracefsDropWatch watch = new TracefsDropWatch(instances, fakeBpftrace(children, script), children, inode(7), 8, true);
    ProbeContext context = new ProbeContext(new Target(null, "198.18.1.2", 17, 9000, null, "rx"), HOST, 4, line -> { });

    ProbeOutcome o = watch.run(WATCH, context);

    assertThat(instances.created).isZero();
    assertThat(o.facts()).filteredOn(Drop.class::isInstance).map(Drop.class::cast).singleElement().satisfies(d -> {
      assertThat(d.match()).isEqualTo(TargetMatch.TARGET);
      assertThat(d.location()).isEqualTo("__udp4_lib_rcv+0x4bc"); // 1212 = 0x4bc, as tracefs would print it
      assertThat(d.stack()).containsExactly("sk_skb_reason_drop+144", "__udp4_lib_rcv+1212", "ip_protocol_deliver_rcu+216");
    });
    assertThat(o.facts()).filteredOn(DropWatchSummary.class::isInstance).map(DropWatchSummary.class::cast).singleElement()
        .satisfies(s -> assertThat(s.lostEvents()).isZero());
    assertThat(o.notes()).anySatisfy(n -> assertThat(n).startsWith("the watch ended early"))
        .noneSatisfy(n -> assertThat(n).contains("tracefs trace"));
    assertThat(o.raw()).contains("per-packet: true").contains("lost-events: 0");
  }

  @Test
  void aFailedBpftraceFailsThisBackendSoTheDropWatchGoesOnWithTheNext() {
    ChildProcesses children = new ChildProcesses();
    NoInstances instances = new NoInstances();
    TracefsDropWatch watch = new TracefsDropWatch(instances, fakeBpftrace(children, "echo 'ERROR: cannot attach' >&2; exit 1"), children,
        inode(7), 8, true);
    ProbeContext context = new ProbeContext(new Target(null, "198.18.1.2", 17, 9000, null, "rx"), HOST, 4, line -> { });

    assertThatThrownBy(() -> watch.run(WATCH, context)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("bpftrace failed ("); // its first error line, or its exit status when stderr was cut short
    assertThat(instances.created).isZero();
  }

  @Test
  void theLocationIsTheSampledFrameOfItsFunctionElseTheFunction() {
    PacketDrop udp = new PacketDrop("__udp4_lib_rcv", 3, "a", "b", 17, "rx0", 7, 9000, 5);
    SampledStack sample = new SampledStack("__udp4_lib_rcv", 3, List.of("sk_skb_reason_drop+144", "__udp4_lib_rcv+1212"));
    assertThat(TracefsDropWatch.sampledLocation(udp, List.of(sample))).isEqualTo("__udp4_lib_rcv+0x4bc");
    // near misses: no sample, a sample of another reason, a sample without the function's frame, a longer name
    assertThat(TracefsDropWatch.sampledLocation(udp, List.of())).isEqualTo("__udp4_lib_rcv");
    assertThat(TracefsDropWatch.sampledLocation(udp, List.of(new SampledStack("__udp4_lib_rcv", 4, sample.frames()))))
        .isEqualTo("__udp4_lib_rcv");
    assertThat(TracefsDropWatch.sampledLocation(udp, List.of(new SampledStack("__udp4_lib_rcv", 3, List.of("sk_skb_reason_drop+144")))))
        .isEqualTo("__udp4_lib_rcv");
    assertThat(TracefsDropWatch.sampledLocation(udp,
        List.of(new SampledStack("__udp4_lib_rcv", 3, List.of("__udp4_lib_rcv.cold+12", "__udp4_lib_rcv+x")))))
        .isEqualTo("__udp4_lib_rcv");
  }

  @Test
  void theTickScanFindsEachCompleteDumpOnceAsTheOutputGrows() {
    StringBuffer out = new StringBuffer("Attaching 2 probes...\n");
    TracefsDropWatch.TickScan scan = new TracefsDropWatch.TickScan();
    assertThat(scan.update(out)).isFalse();
    assertThat(scan.lastDump(out)).isEmpty();
    out.append(TICK).append(DUMP);
    assertThat(scan.update(out)).isTrue();
    assertThat(scan.count()).isEqualTo(1);
    assertThat(scan.lastDump(out)).isEmpty(); // the first dump is complete only when the next marker comes
    // a marker cut in the middle is found once it is whole
    out.append(TICK, 0, 7);
    assertThat(scan.update(out)).isFalse();
    out.append(TICK.substring(7)).append("@drops[x");
    assertThat(scan.update(out)).isTrue();
    assertThat(scan.update(out)).isFalse();
    assertThat(scan.count()).isEqualTo(2);
    assertThat(scan.lastDump(out)).isEqualTo("\n" + DUMP).isEqualTo(BpftraceOutputParser.lastTick(out.toString()).orElseThrow());
  }
}
