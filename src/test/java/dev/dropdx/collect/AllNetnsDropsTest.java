package dev.dropdx.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.netns.NetnsInfo;
import dev.dropdx.support.ReasonPages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which drops of a host-wide watch `collect --all-netns` gathers evidence for: the target's, in a
 * namespace it can enter, that are not normal frees; and what it reports per namespace.
 */
class AllNetnsDropsTest {
  private static final NetnsInfo NAMED = new NetnsInfo(11, "dropdx-lab-rpf-rx", false, 0, "", "");
  private static final NetnsInfo CONTAINER = new NetnsInfo(22, "", false, 4711, "sleep", "");
  private static final NetnsInfo GONE = new NetnsInfo(33, "", false, 0, "", ""); // no process holds it: id inode:33
  private static final NetnsInfo OWN = new NetnsInfo(44, "", true, 0, "", "");

  private static Drop drop(String netns, String reason, String function, long count, TargetMatch match, int protocol) {
    return new Drop(function, function + "+0x10", reason, count, match, netns, "veth0", "198.18.0.1", "198.18.1.2", protocol, List.of());
  }

  private final Drop rpf = drop("dropdx-lab-rpf-rx", "IP_RPFILTER", "ip_rcv_finish_core", 5, TargetMatch.TARGET, 1);
  private final Drop noSocketSmall = drop("pid:4711", "NO_SOCKET", "__udp4_lib_rcv", 3, TargetMatch.TARGET, 17);
  private final Drop noSocketBig = drop("pid:4711", "NO_SOCKET", "__udp4_lib_rcv", 9, TargetMatch.TARGET, 17);
  private final Drop echoReply = drop("", "NO_SOCKET", "ping_rcv", 40, TargetMatch.TARGET, 1); // a normal free, not a drop
  private final Drop unattributable = drop("unattributable", "NOT_SPECIFIED", "skb_release", 7, TargetMatch.TARGET, 17);
  private final Drop unreachable = drop("inode:33", "NO_SOCKET", "__udp4_lib_rcv", 8, TargetMatch.TARGET, 17);
  private final Drop someoneElses = drop("dropdx-lab-rpf-rx", "NETFILTER_DROP", "nf_hook_slow", 50, TargetMatch.OTHER, 6);
  private final DropWatchSummary summary = new DropWatchSummary("tracefs+bpftrace", 3, true, 0, 0, 0, 3000);

  private List<Object> watch() {
    return List.of(NAMED, CONTAINER, GONE, OWN, rpf, noSocketSmall, noSocketBig, echoReply, unattributable, unreachable, someoneElses, summary);
  }

  @Test
  void onlyTheTargetsRealDropsInEnterableNamespacesAreKeptForThePlan() {
    List<Object> kept = new AllNetnsDrops(ReasonPages.shipped()).kept(watch());
    assertThat(kept).filteredOn(Drop.class::isInstance).containsExactly(rpf, noSocketSmall, noSocketBig);
    // The other facts stay: the namespace map and the summary.
    assertThat(kept).contains(NAMED, CONTAINER, GONE, OWN, summary);
  }

  @Test
  void namespacesComeMostPacketsFirstWithTheirProbeCounts() {
    List<CollectedNamespace> spaces = new AllNetnsDrops(ReasonPages.shipped()).namespaces(watch(),
        Map.of("pid:4711", 12, "dropdx-lab-rpf-rx", 14, "", 9));
    assertThat(spaces).extracting(n -> n.namespace().id()).containsExactly("pid:4711", "dropdx-lab-rpf-rx");
    assertThat(spaces.get(0).packets()).isEqualTo(12);
    assertThat(spaces.get(0).drops()).containsExactly(noSocketBig, noSocketSmall);
    assertThat(spaces.get(0).probes()).isEqualTo(12);
    assertThat(spaces.get(1).probes()).isEqualTo(14);
  }

  @Test
  void withoutReasonPagesAnEchoReplyCountsAsADrop() {
    // The near miss: only the reason page makes ping_rcv's free a normal one.
    List<CollectedNamespace> spaces = new AllNetnsDrops(null).namespaces(watch(), Map.of());
    assertThat(spaces).extracting(n -> n.namespace().id()).containsExactly("", "pid:4711", "dropdx-lab-rpf-rx");
    assertThat(spaces.get(0).probes()).isZero();
  }
}
