package dev.dropdx.rules;

import static dev.dropdx.support.GreFacts.header;
import static dev.dropdx.support.GreFacts.inGreRcv;
import static dev.dropdx.support.GreFacts.loadable;
import static dev.dropdx.support.GreFacts.missing;
import static dev.dropdx.support.GreFacts.noProto;
import static dev.dropdx.support.GreFacts.present;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.GreHandler;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

class GreNoHandlerRulesTest {
  private static final String ASK = "gre-no-handler: ask whether the kernel has a handler for IP protocol 47";
  private static final String NO_HANDLER = "gre-no-handler: the kernel has no handler for IP protocol 47";
  private static final String VERSION = "gre-version-set: the GRE header's version bits are not 0";

  @Test
  void aGreDropAtNoProtoAsksForTheHandlerEvidenceInItsNamespace() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47)).fire();
      assertThat(h.requests("gre-handler")).singleElement().satisfies(r -> {
        assertThat(r.askedBy()).isEqualTo(ASK);
        assertThat(r.param("netns")).isEqualTo("dropdx-lab-test");
        assertThat(r.why()).contains("Read-only");
      });
    }
  }

  /** The probe now watches the counter half a second; the diagnosis says so (and "2 s", not "2.0 s", for older bundles above). */
  @Test
  void aHalfSecondWatchIsSaidAsSuch() {
    GreHandler m = missing();
    GreHandler half = new GreHandler(m.netns(), m.kernel(), m.demux(), m.ipGre(), m.pptp(), m.modules(), 3, 0.5, m.findings());
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), header(0x0000, 0x0800), half).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.bindings()).containsEntry("seconds", "0.5");
        assertThat(RuleHarness.words(d)).contains("it rose by 3 in 0.5 s");
      });
    }
  }

  @Test
  void versionZeroWithTheHandlerMissingIsOnlyNoHandler() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), header(0x0000, 0x0800), missing()).fire();
      assertThat(h.fired()).contains(NO_HANDLER).doesNotContain(VERSION);
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(d.cause()).isEqualTo("gre-no-handler");
        assertThat(d.rank()).isEqualTo(1);
        assertThat(d.bindings()).containsEntry("function", "ip_local_deliver_finish").containsEntry("headerSeen", "no")
            .containsEntry("unknownProtosDelta", "14").containsEntry("kernel", "6.18.44-fc-v782").containsEntry("seconds", "2");
        assertThat(RuleHarness.words(d)).contains("it rose by 14 in 2 s");
        assertThat(RuleHarness.words(d)).contains("built without it and cannot load modules");
        assertThat(RuleHarness.words(d)).contains("CONFIG_NET_IPGRE_DEMUX").contains("without module support");
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e).contains("/proc/modules does not exist"));
      });
      assertThat(h.requests()).isEmpty();
    }
  }

  @Test
  void withoutACaptureTheHandlerEvidenceAloneProvesIt() {
    // tcpdump missing: the capture is skipped, IP_NOPROTO for protocol 47 plus the handler evidence still prove it.
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), missing()).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> assertThat(d.cause()).isEqualTo("gre-no-handler"));
    }
  }

  @Test
  void anInstalledModuleIsLoadedWithModprobe() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), header(0x0000, 0x0800), loadable()).fire();
      assertThat(h.diagnoses()).singleElement().satisfies(d -> {
        assertThat(RuleHarness.words(d)).contains("modprobe ip_gre");
        assertThat(RuleHarness.words(d)).contains("installed but not loaded");
      });
    }
  }

  @Test
  void nearMissTheHandlerIsRunningConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 47), header(0x0000, 0x0800), present()).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissADropInGreRcvMeansTheHandlerExists() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(inGreRcv(TargetMatch.TARGET), header(0x0000, 0x0800), missing()).fire();
      assertThat(h.fired()).doesNotContain(NO_HANDLER);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissNoProtoForAnotherProtocolIsNeither() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.TARGET, 132), missing()).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesGreDropIsNeither() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(noProto(TargetMatch.OTHER, 47), header(0x0000, 0x0800), missing()).fire();
      assertThat(h.requests()).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
