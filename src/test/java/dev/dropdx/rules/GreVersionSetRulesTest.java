package dev.dropdx.rules;

import static dev.dropdx.support.GreFacts.DST;
import static dev.dropdx.support.GreFacts.SRC;
import static dev.dropdx.support.GreFacts.header;
import static dev.dropdx.support.GreFacts.inGreRcv;
import static dev.dropdx.support.GreFacts.missing;
import static dev.dropdx.support.GreFacts.noProto;
import static dev.dropdx.support.GreFacts.present;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.knowledge.CauseText;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.knowledge.Templates;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import java.util.Comparator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class GreVersionSetRulesTest {
  private static final String CAPTURE = "gre-version-set: capture the GRE header of the dropped packets";
  private static final String PROVEN = "gre-version-set: the GRE header's version bits are not 0";
  private static final String NO_HANDLER = "gre-no-handler: the kernel has no handler for IP protocol 47";
  private static final String NO_HANDLER_TOO = "gre-no-handler: no handler for IP protocol 47, and the version bits are set as well";

  @Test
  void aGreDropAtNoProtoAsksForTheCaptureFirstAndThenTheHandlerEvidence() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47)).fire();
      assertThat(h.requests("capture")).singleElement().satisfies(r -> {
        assertThat(r.askedBy()).isEqualTo(CAPTURE);
        assertThat(r.param("iface")).isEqualTo("gre-rx0");
        assertThat(r.param("filter")).isEqualTo("ip proto 47 and src host " + SRC + " and dst host " + DST);
        assertThat(r.param("netns")).isEqualTo("dropdx-lab-test");
      });
      assertThat(h.requests("gre-handler")).singleElement()
          .satisfies(r -> assertThat(r.priority()).isLessThan(h.requests("capture").get(0).priority()));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void aGreDropInGreRcvAsksForTheSameEvidence() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inGreRcv(TargetMatch.TARGET)).fire();
      assertThat(h.requests("capture")).hasSize(1);
      assertThat(h.requests("gre-handler")).hasSize(1);
    }
  }

  @Test
  void versionOneInGreRcvWithTheHandlerLoadedIsTheVersionAlone() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inGreRcv(TargetMatch.TARGET), header(0x2001, 0x880b), present()).fire();
      assertThat(h.fired()).contains(PROVEN).doesNotContain(NO_HANDLER, NO_HANDLER_TOO);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("gre-version-set");
        assertThat(d.rank()).isEqualTo(1);
        assertThat(d.bindings()).containsEntry("version", "1").containsEntry("headerWord", "0x2001").containsEntry("fixedWord", "0x2000")
            .containsEntry("flags", "K").containsEntry("protocolType", "0x880b")
            .containsEntry("dropNetns", "dropdx-lab-test");
        assertThat(RuleHarness.words(d)).contains(" --netns dropdx-lab-test");
        assertThat(RuleHarness.words(d)).contains("gre_rcv looked up a driver for version 1").contains("gre_rcv+0x5a/0xd0 [gre]");
        assertThat(RuleHarness.words(d)).contains("PPTP");
        assertThat(RuleHarness.words(d)).contains("pptp driver").contains("modprobe pptp");
        assertThat(d.evidence()).hasSize(3);
      });
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void versionOneWithNoHandlerAtAllProvesBothVersionFirst() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), header(0x2001, 0x880b), missing()).fire();
      assertThat(h.fired()).contains(PROVEN, NO_HANDLER_TOO).doesNotContain(NO_HANDLER);
      List<Diagnosis> ranked = h.diagnoses().stream().sorted(Comparator.comparingInt(Diagnosis::rank)).toList();
      assertThat(ranked).extracting(Diagnosis::cause).containsExactly("gre-version-set", "gre-no-handler");
      assertThat(ranked).extracting(Diagnosis::rank).containsExactly(1, 2);
      assertThat(RuleHarness.words(ranked.get(0))).contains("IP_NOPROTO").contains("Loading the handler alone would not deliver them");
      assertThat(RuleHarness.words(ranked.get(0))).contains("built without it (CONFIG_PPTP)");
      assertThat(RuleHarness.words(ranked.get(1))).contains("version 1").contains("Fix the sender first");
    }
  }

  @Test
  void theCaptureArrivingBeforeTheHandlerEvidenceConcludesNothingYet() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), header(0x2001, 0x880b)).fire();
      assertThat(h.diagnoses()).isEmpty();
      assertThat(h.requests("gre-handler")).hasSize(1);
      assertThat(h.requests("capture")).isEmpty();
    }
  }

  @Test
  void undefinedVersionsSayNoDriverTakesThem() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inGreRcv(TargetMatch.TARGET), header(0x0003, 0x0800), present()).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("version", "3").containsEntry("protocolType", "0x0800");
        assertThat(RuleHarness.words(d)).contains("protocol type 0x0800, IPv4");
        assertThat(RuleHarness.words(d)).contains("No Linux driver accepts GRE version 3");
      });
    }
  }

  @Test
  void nearMissVersionZeroWithTheHandlerLoadedConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inGreRcv(TargetMatch.TARGET), header(0x0000, 0x0800), present()).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAGreDropOfSomeoneElsesPacketsAsksNothingAndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.OTHER, 47), header(0x2001, 0x880b), missing()).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissNoProtoForAnotherProtocolAsksNothingAndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 132), header(0x2001, 0x880b), missing()).fire();
      assertThat(h.requests("capture")).isEmpty();
      assertThat(h.requests("gre-handler")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissAVersionOneHeaderOfAnotherFlowProvesNoVersionCause() {
    try (RuleHarness h = new RuleHarness()) {
      var otherFlow = new dev.dropdx.fact.GreHeader(dev.dropdx.support.GreFacts.NS, "gre-rx0", "198.18.41.9", DST, 0x2001, 0x880b, 3);
      h.insert(noProto(TargetMatch.TARGET, 47), otherFlow, missing()).fire();
      assertThat(h.diagnoses()).extracting(Diagnosis::cause).containsExactly("gre-no-handler");
      // Still asks for the target flow's own header.
      assertThat(h.requests("capture")).hasSize(1);
    }
  }

  @Test
  void everyPlaceholderOfBothKnowledgeBaseEntriesIsBoundByTheRules() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), header(0x2001, 0x880b), missing()).fire();
      assertThat(h.diagnoses()).hasSize(2).allSatisfy(d -> {
        CauseText t = RuleHarness.explain(d, "ns");
        Stream.concat(Stream.of(t.title(), t.explanation()), Stream.concat(t.fix().stream(), t.verify().stream()))
            .forEach(text -> assertThat(text).doesNotContainPattern("\\{[A-Za-z][A-Za-z0-9_]*}"));
      });
    }
  }
}
