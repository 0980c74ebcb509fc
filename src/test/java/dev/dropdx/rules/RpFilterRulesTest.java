package dev.dropdx.rules;

import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.inputRoute;
import static dev.dropdx.support.Facts.inputRouteFails;
import static dev.dropdx.support.Facts.outputRoute;
import static dev.dropdx.support.Facts.outputRouteFails;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class RpFilterRulesTest {
  private static final String SRC = "198.18.2.1";
  private static final String DST = "198.18.1.2";
  private static final String IF = "rpf-rx0";
  private static final String STRICT = "rp-filter: strict mode and the route back does not leave by the receiving interface";
  private static final String LOOSE = "rp-filter: loose mode and no route back to the source at all";

  private static Drop rpDrop(TargetMatch match) {
    return drop("ip_rcv_finish_core", "IP_RPFILTER", match, IF, SRC, DST, 1);
  }

  @Test
  void aTargetDropWithReasonRpfilterAsksForTheSysctlsAndBothRoutes() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.TARGET)).fire();
      assertThat(h.requests("sysctl")).singleElement()
          .satisfies(r -> assertThat(r.param("keys")).isEqualTo("net.ipv4.conf.all.rp_filter net.ipv4.conf.rpf-rx0.rp_filter"));
      assertThat(h.requests("route")).extracting(r -> r.param("to")).containsExactlyInAnyOrder(SRC, DST);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void strictOnTheInterfaceWithTheRouteBackElsewhereIsDiagnosedAndNamesTheSettingInForce() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.TARGET), sysctl("net.ipv4.conf.all.rp_filter", "0"), sysctl("net.ipv4.conf.rpf-rx0.rp_filter", "1"),
          outputRoute(SRC, "rpf-alt0"), inputRouteFails(DST, SRC, IF, "Invalid cross-device link")).fire();
      assertThat(h.fired()).contains(STRICT).doesNotContain(LOOSE);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("rp-filter");
      assertThat(d.bindings()).containsEntry("settingInForce", "net.ipv4.conf.rpf-rx0.rp_filter").containsEntry("mode", "strict");
      assertThat(RuleHarness.words(d)).startsWith("Reverse-path filter (strict (1))");
      assertThat(d.evidence()).hasSize(5);
      // Once proven, the requests whose answers are in are withdrawn.
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void strictFromConfAllIsTheSettingInForceWhenTheInterfaceSaysZero() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.TARGET), sysctl("net.ipv4.conf.all.rp_filter", "1"), sysctl("net.ipv4.conf.rpf-rx0.rp_filter", "0"),
          outputRouteFails(SRC, "Network is unreachable"), inputRouteFails(DST, SRC, IF, "Invalid argument")).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("settingInForce", "net.ipv4.conf.all.rp_filter");
        assertThat(RuleHarness.words(d)).contains("larger");
      });
    }
  }

  @Test
  void looseModeWithNoRouteBackIsDiagnosed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.TARGET), sysctl("net.ipv4.conf.all.rp_filter", "2"), sysctl("net.ipv4.conf.rpf-rx0.rp_filter", "0"),
          outputRouteFails(SRC, "Network is unreachable"), inputRouteFails(DST, SRC, IF, "Invalid argument")).fire();
      assertThat(h.fired()).contains(LOOSE).doesNotContain(STRICT);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(RuleHarness.words(d)).contains("rp_filter is loose (2) on"));
    }
  }

  @Test
  void nearMissRpfilterDropOfSomeoneElsesPacketsAsksNothingAndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.OTHER), sysctl("net.ipv4.conf.all.rp_filter", "1"), sysctl("net.ipv4.conf.rpf-rx0.rp_filter", "1"),
          outputRoute(SRC, "rpf-alt0"), inputRouteFails(DST, SRC, IF, "Invalid argument")).fire();
      assertThat(h.requests("sysctl")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissRpFilterOffConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.TARGET), sysctl("net.ipv4.conf.all.rp_filter", "0"), sysctl("net.ipv4.conf.rpf-rx0.rp_filter", "0"),
          outputRoute(SRC, "rpf-alt0"), inputRouteFails(DST, SRC, IF, "Invalid argument")).fire();
      assertThat(h.fired()).doesNotContain(STRICT, LOOSE);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissStrictButTheRouteBackUsesTheReceivingInterfaceConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.TARGET), sysctl("net.ipv4.conf.all.rp_filter", "0"), sysctl("net.ipv4.conf.rpf-rx0.rp_filter", "1"),
          outputRoute(SRC, IF), inputRoute(DST, SRC, IF)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissLooseWithSomeRouteBackConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(rpDrop(TargetMatch.TARGET), sysctl("net.ipv4.conf.all.rp_filter", "2"), sysctl("net.ipv4.conf.rpf-rx0.rp_filter", "2"),
          outputRoute(SRC, "rpf-alt0"), inputRoute(DST, SRC, IF)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissOtherReasonAtTheSameFunctionAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(drop("ip_rcv_finish_core", "NOT_SPECIFIED", TargetMatch.TARGET, IF, SRC, DST, 1)).fire();
      assertThat(h.requests("sysctl")).isEmpty();
      assertThat(h.requests("route")).isEmpty();
    }
  }
}
