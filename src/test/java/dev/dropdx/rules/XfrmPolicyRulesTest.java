package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.fact.XfrmPolicy;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** xfrm-policy: XFRM_POLICY proven by the winning policy for the packets' addresses and its xfrm_stat counter. */
class XfrmPolicyRulesTest {
  private static final String SRC = "198.18.133.1";
  private static final String DST = "198.18.133.2";
  private static final String IF = "xfrm-rx0";
  private static final String ASK = "xfrm-policy: ask for the namespace's IPsec policies and xfrm counters";
  private static final String BLOCK = "xfrm-policy: a block policy for the packets' addresses refuses them";
  private static final String TMPL = "xfrm-policy: a policy requires IPsec the packets do not have";

  private static Drop xfrmDrop(String function, String reason, TargetMatch match) {
    return drop(function, reason, match, IF, SRC, DST, 17);
  }

  private static XfrmPolicy policy(String src, String dst, String dir, String action, long priority, String template) {
    return new XfrmPolicy(NS, "src " + src + " dst " + dst, src, dst, null, dir, action, priority, template);
  }

  private static Counter counter(String name, long value, long increase) {
    return new Counter(NS, name, value, increase, 1);
  }

  @Test
  void anXfrmPolicyDropAsksForThePoliciesAndCounters() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "XFRM_POLICY", TargetMatch.TARGET)).fire();
      assertThat(h.fired()).contains(ASK);
      assertThat(h.requests("xfrm")).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("netns", NS).containsEntry("seconds", "0.5"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aBlockPolicyInDirectionInWithItsCounterRisingProvesTheCause() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "XFRM_POLICY", TargetMatch.TARGET), policy(SRC + "/32", DST + "/32", "in", "block", 0, null),
          counter("XfrmInPolBlock", 30, 10), counter("XfrmInTmplMismatch", 0, 0)).fire();
      assertThat(h.fired()).contains(BLOCK).doesNotContain(TMPL);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("xfrm-policy");
      assertThat(d.bindings()).containsEntry("mode", "block").containsEntry("dir", "in").containsEntry("counterName", "XfrmInPolBlock")
          .containsEntry("selector", "src 198.18.133.1/32 dst 198.18.133.2/32 dir in");
      assertThat(RuleHarness.words(d)).contains("xfrm policy delete src 198.18.133.1/32 dst 198.18.133.2/32 dir in", "action block",
          "XfrmInPolBlock = 30 (+10 in");
      assertThat(h.requests("xfrm")).isEmpty();
    }
  }

  @Test
  void aTemplatePolicyWithoutTheTransformProvesTheCauseWithTheTemplateMismatchCounter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "XFRM_POLICY", TargetMatch.TARGET),
          policy("198.18.133.0/24", DST + "/32", "in", "allow", 0, "proto esp mode transport src 198.18.133.1 dst 198.18.133.2"),
          counter("XfrmInPolBlock", 0, 0), counter("XfrmInTmplMismatch", 3, 3)).fire();
      assertThat(h.fired()).contains(TMPL).doesNotContain(BLOCK);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("mode", "template").containsEntry("counterName", "XfrmInTmplMismatch");
        assertThat(RuleHarness.words(d)).contains("requires ESP/AH", "proto esp mode transport");
      });
    }
  }

  @Test
  void aForwardedPacketIsCheckedAgainstTheFwdPolicy() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("ip_forward", "XFRM_POLICY", TargetMatch.TARGET), policy(SRC + "/32", DST + "/32", "in", "block", 0, null),
          counter("XfrmInPolBlock", 3, 3)).fire();
      assertThat(h.diagnoses()).as("an 'in' policy does not decide for forwarded packets").isEmpty();
      h.insert(policy(SRC + "/32", DST + "/32", "fwd", "block", 0, null)).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(d.bindings()).containsEntry("dir", "fwd"));
    }
  }

  @Test
  void nearMissABlockPolicyForAnotherSourceProvesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "XFRM_POLICY", TargetMatch.TARGET), policy("198.18.133.9/32", DST + "/32", "in", "block", 0, null),
          counter("XfrmInPolBlock", 30, 10)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAnAllowPolicyWithALowerPriorityValueWinsOverTheBlock() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "XFRM_POLICY", TargetMatch.TARGET), policy(SRC + "/32", DST + "/32", "in", "block", 10, null),
          policy("198.18.133.0/24", DST + "/32", "in", "allow", 5, null), counter("XfrmInPolBlock", 30, 10)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissACounterThatDoesNotRiseProvesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "XFRM_POLICY", TargetMatch.TARGET), policy(SRC + "/32", DST + "/32", "in", "block", 0, null),
          counter("XfrmInPolBlock", 30, 0)).fire();
      assertThat(h.fired()).doesNotContain(BLOCK);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSocketFilterAtTheSameLocationIsNotAnXfrmPolicy() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "SOCKET_FILTER", TargetMatch.TARGET), policy(SRC + "/32", DST + "/32", "in", "block", 0, null),
          counter("XfrmInPolBlock", 30, 10)).fire();
      assertThat(h.fired()).doesNotContain(ASK, BLOCK, TMPL);
      assertThat(h.diagnoses()).extracting(Diagnosis::cause).doesNotContain("xfrm-policy");
    }
  }

  @Test
  void nearMissSomeoneElsesXfrmDropAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(xfrmDrop("udp_queue_rcv_one_skb", "XFRM_POLICY", TargetMatch.OTHER), policy(SRC + "/32", DST + "/32", "in", "block", 0, null),
          counter("XfrmInPolBlock", 30, 10)).fire();
      assertThat(h.requests("xfrm")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
