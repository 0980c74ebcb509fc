package dev.dropdx.probe.xfrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.XfrmPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsers of `ip xfrm policy show` and /proc/net/xfrm_stat, on output recorded on kernel 6.18 (recipe xfrm-policy). */
class XfrmPolicyParserTest {
  static final String BLOCK = "src 198.18.1.1/32 dst 198.18.2.1/32 \n\tdir in action block priority 0 ptype main \n";
  static final String TEMPLATE = "src 198.18.1.1/32 dst 198.18.2.1/32 \n\tdir in priority 0 ptype main \n"
      + "\ttmpl src 198.18.1.1 dst 198.18.2.1\n\t\tproto esp reqid 0 mode transport\n";
  static final String MIXED = "src 198.18.1.9/32 dst 198.18.2.1/32 proto udp dport 5353 \n\tdir in action block priority 10 ptype main \n"
      + "src 198.18.1.1/32 dst 198.18.2.1/32 \n\tdir fwd action allow priority 0 ptype main \n"
      + "src 0.0.0.0/0 dst 0.0.0.0/0 \n\tdir out priority 0 ptype main \n";
  static final String STAT = "XfrmInError             \t0\nXfrmInNoStates          \t0\nXfrmInTmplMismatch      \t3\n"
      + "XfrmInNoPols            \t0\nXfrmInPolBlock          \t3\nXfrmOutPolBlock         \t0\n";

  @Test
  void aBlockPolicyIsParsedWithItsSelectorDirectionAndAction() {
    assertThat(XfrmPolicyParser.parse("ns", BLOCK)).singleElement().satisfies(p -> {
      assertThat(p).isEqualTo(new XfrmPolicy("ns", "src 198.18.1.1/32 dst 198.18.2.1/32", "198.18.1.1/32", "198.18.2.1/32", null, "in", "block", 0, null));
      assertThat(p.blocks()).isTrue();
      assertThat(p.requiresTransform()).isFalse();
      assertThat(p.covers("198.18.1.1", "198.18.2.1", 17)).isTrue();
      assertThat(p.covers("198.18.1.2", "198.18.2.1", 17)).isFalse();
    });
  }

  @Test
  void aPolicyWithATemplateRequiresTheTransform() {
    assertThat(XfrmPolicyParser.parse("ns", TEMPLATE)).singleElement().satisfies(p -> {
      assertThat(p.action()).isEqualTo("allow");
      assertThat(p.template()).isEqualTo("proto esp mode transport src 198.18.1.1 dst 198.18.2.1");
      assertThat(p.requiresTransform()).isTrue();
      assertThat(p.describe()).contains("requires tmpl proto esp mode transport");
    });
  }

  @Test
  void severalPoliciesWithProtocolsPrioritiesAndWildcards() {
    List<XfrmPolicy> all = XfrmPolicyParser.parse("", MIXED);
    assertThat(all).extracting(XfrmPolicy::dir).containsExactly("in", "fwd", "out");
    assertThat(all.get(0).proto()).isEqualTo("udp");
    assertThat(all.get(0).selectorAndDir()).isEqualTo("src 198.18.1.9/32 dst 198.18.2.1/32 proto udp dport 5353 dir in");
    assertThat(all.get(0).priority()).isEqualTo(10);
    assertThat(all.get(0).covers("198.18.1.9", "198.18.2.1", 17)).isTrue();
    assertThat(all.get(0).covers("198.18.1.9", "198.18.2.1", 6)).isFalse();
    assertThat(all.get(1).blocks()).isFalse();
    assertThat(all.get(1).requiresTransform()).isFalse();
    assertThat(all.get(2).covers("203.0.113.7", "198.18.2.1", 1)).isTrue();
  }

  @Test
  void emptyOrUnreadableOutputHasNoPolicies() {
    assertThat(XfrmPolicyParser.parse("ns", "")).isEmpty();
    assertThat(XfrmPolicyParser.parse("ns", "Error: something\n")).isEmpty();
  }

  @Test
  void xfrmStatLinesBecomeNamedValues() {
    Map<String, Long> v = XfrmStatParser.parse(STAT);
    assertThat(v).containsEntry("XfrmInPolBlock", 3L).containsEntry("XfrmInTmplMismatch", 3L).containsEntry("XfrmOutPolBlock", 0L).hasSize(6);
  }
}
