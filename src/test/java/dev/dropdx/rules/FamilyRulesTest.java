package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.knowledge.ReasonPage;
import dev.dropdx.support.Facts;
import dev.dropdx.support.RuleHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** rules/common/family.drl: the counters a reason's page names are read before giving up, and only then. */
class FamilyRulesTest {
  private static final String RULE = "common: before giving up, read the counters an unexplained drop's reason page names";
  private static final Target TARGET = new Target("198.18.0.1", "198.18.1.1", 17, null, null, Facts.NS);
  private static final DropWatchSummary WATCHED = new DropWatchSummary("tracefs+bpftrace", 3, true, 12, 0, 0);
  /** A reason no cause rule proves, with an nstat counter, a where-to-look entry and an IPv6 counter on its page. */
  private static final ReasonPage FRAG_PAGE = new ReasonPage("FRAG_TOO_FAR", "ip-frag", "title", "meaning",
      List.of("IpReasmFails", "ip -s link: RX dropped", "Ip6ReasmFails", "IpReasmTimeout (per namespace)"), List.of("check"), List.of(), null);

  private static Drop drop(String function, String reason, TargetMatch match) {
    return Facts.drop(function, reason, match, "veth0", "198.18.0.1", "198.18.1.1", 17);
  }

  private static List<ProbeRequest> familyRequests(RuleHarness h) {
    return h.requests("counters").stream().filter(r -> r.askedBy().equals(RULE)).toList();
  }

  @Test
  void anUnexplainedDropAsksForTheNstatCountersOfItsPageInItsNamespace() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ip_frag_queue", "FRAG_TOO_FAR", TargetMatch.TARGET), FRAG_PAGE).fire();
      assertThat(h.fired()).contains(RULE);
      assertThat(familyRequests(h)).singleElement().satisfies(r -> {
        // Read 0.5 s apart, as every other counter request (Probe.seconds).
        assertThat(r.params()).isEqualTo(Map.of("netns", Facts.NS, "names", "IpReasmFails IpReasmTimeout", "seconds", "0.5"));
        assertThat(r.why()).contains("FRAG_TOO_FAR");
      });
    }
  }

  @Test
  void unfilteredDropsMayBeTheTargetsSoTheyAskToo() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ip_frag_queue", "FRAG_TOO_FAR", TargetMatch.UNFILTERED), FRAG_PAGE).fire();
      assertThat(familyRequests(h)).hasSize(1);
    }
  }

  @Test
  void nearMissOthersPacketsAskNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ip_frag_queue", "FRAG_TOO_FAR", TargetMatch.OTHER), FRAG_PAGE).fire();
      assertThat(familyRequests(h)).isEmpty();
    }
  }

  @Test
  void nearMissOnceACauseIsProvenNothingMoreIsRead() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ip_frag_queue", "FRAG_TOO_FAR", TargetMatch.TARGET), FRAG_PAGE,
          new Diagnosis("rp-filter", 1, "some rule", Map.of(), List.of("proof"))).fire();
      assertThat(familyRequests(h)).isEmpty();
    }
  }

  @Test
  void nearMissAPageWithNoCounterTheProbeCanReadAsksNothing() {
    ReasonPage linkOnly = new ReasonPage("FULL_RING", "device", "t", "m", List.of("ip -s link: TX dropped", "Ip6InDiscards"),
        List.of("check"), List.of(), null);
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("veth_xmit", "FULL_RING", TargetMatch.TARGET), linkOnly).fire();
      assertThat(familyRequests(h)).isEmpty();
    }
  }

  @Test
  void nearMissThePageOfAnotherReasonAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ip_frag_queue", "DUP_FRAG", TargetMatch.TARGET), FRAG_PAGE).fire();
      assertThat(familyRequests(h)).isEmpty();
    }
  }

  @Test
  void nearMissWhenOnlyCountersStoodInForTheWatchItAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, DropWatchSummary.countersOnly(), drop("ip_frag_queue", "FRAG_TOO_FAR", TargetMatch.TARGET), FRAG_PAGE).fire();
      assertThat(familyRequests(h)).isEmpty();
    }
  }

  @Test
  void nearMissPingsOwnEchoReplyFreeIsNotADropToExplain() {
    // The shipped NO_SOCKET page lists ping_rcv as a normal free: the rule reads that, it knows no function itself.
    ReasonPage noSocket = dev.dropdx.support.ReasonPages.shipped().pageOrFallback("NO_SOCKET");
    assertThat(noSocket.normalFreeAt("ping_rcv")).isPresent();
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ping_rcv", "NO_SOCKET", TargetMatch.TARGET), noSocket).fire();
      assertThat(familyRequests(h)).isEmpty();
    }
    // The same page, a socket lookup's free: a drop to explain, so the counters are read.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("__udp4_lib_rcv", "NO_SOCKET", TargetMatch.TARGET), noSocket).fire();
      assertThat(familyRequests(h)).isNotEmpty();
    }
    // A page that lists no normal free: ping_rcv's free is explained like any other.
    ReasonPage bare = new ReasonPage("NO_SOCKET", "socket", "t", "m", List.of("UdpNoPorts"), List.of("check"), List.of(), null);
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ping_rcv", "NO_SOCKET", TargetMatch.TARGET), bare).fire();
      assertThat(familyRequests(h)).isNotEmpty();
    }
  }

  @Test
  void nearMissANormalFreeLimitedToAProtocolIsSkippedOnlyForThatProtocol() {
    // As NOT_SPECIFIED's page says of ip6_mc_input: ICMPv6 chatter (58) there is normal, an OSPFv3 hello (89) is not.
    ReasonPage page = new ReasonPage("FRAG_TOO_FAR", "ip-frag", "t", "m", List.of("IpReasmFails"), List.of("check"), List.of(), null,
        List.of(new dev.dropdx.knowledge.NormalFree("ip6_mc_input", List.of(58), "chatter")));
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, Facts.drop("ip6_mc_input", "FRAG_TOO_FAR", TargetMatch.TARGET, "veth0", "198.18.0.1", "198.18.1.1", 58), page)
          .fire();
      assertThat(familyRequests(h)).isEmpty();
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, Facts.drop("ip6_mc_input", "FRAG_TOO_FAR", TargetMatch.TARGET, "veth0", "198.18.0.1", "198.18.1.1", 89), page)
          .fire();
      assertThat(familyRequests(h)).hasSize(1);
    }
  }

  @Test
  void theFamilyReadRunsAfterEveryCauseRulesOwnRequests() throws IOException {
    // The session runs the highest priority first: the family read must come last, just before giving up.
    Pattern request = Pattern.compile("ProbeRequest\\.of\\(\"[a-z0-9-]+\",\\s*(\\d+)");
    try (Stream<Path> files = Files.walk(Path.of("rules"))) {
      List<Path> drl = files.filter(f -> f.toString().endsWith(".drl") && !f.endsWith(Path.of("common", "family.drl"))).toList();
      assertThat(drl).isNotEmpty();
      for (Path f : drl) {
        Matcher m = request.matcher(Files.readString(f));
        while (m.find()) {
          assertThat(Integer.parseInt(m.group(1))).as(f + ": " + m.group()).isGreaterThan(10);
        }
      }
    }
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, WATCHED, drop("ip_frag_queue", "FRAG_TOO_FAR", TargetMatch.TARGET), FRAG_PAGE).fire();
      assertThat(familyRequests(h)).singleElement().satisfies(r -> assertThat(r.priority()).isEqualTo(10));
    }
  }
}
