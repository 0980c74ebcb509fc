package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.support.Jar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kb show`, `explain` and `kb list` through the jar: a drop reason's page beside the causes. */
class KnowledgeCliIT {
  @TempDir Path dataDir;

  private CommandResult run(String... args) throws Exception {
    return Jar.run(List.of(), dataDir, Map.of(), args);
  }

  @Test
  void kbShowIpInhdrPrintsTheReasonPage() throws Exception {
    CommandResult r = run("kb", "show", "IP_INHDR");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("IP_INHDR: ").contains("family:   ip-header").contains("IpInHdrErrors").contains("first checks:");
  }

  @Test
  void aReasonNameInLowerCaseOrWithThePrefixFindsTheSamePageAndCausesStillWork() throws Exception {
    assertThat(run("explain", "skb_drop_reason_ip_rpfilter").stdout()).startsWith("# IP_RPFILTER: ").contains("rp-filter");
    assertThat(run("kb", "show", "xdp").stdout()).startsWith("XDP: ");
    CommandResult cause = run("kb", "show", "rp-filter");
    assertThat(cause.exitCode()).isZero();
    assertThat(cause.stdout()).startsWith("rp-filter: ").contains("reasons:   IP_RPFILTER");
  }

  @Test
  void aReasonWithoutAPageGetsTheFallbackPageAndExitThree() throws Exception {
    CommandResult r = run("kb", "show", "SOME_FUTURE_REASON");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INCONCLUSIVE);
    assertThat(r.stdout()).startsWith("SOME_FUTURE_REASON: A drop reason dropdx has no page for").contains("nstat -az");
  }

  @Test
  void kbListShowsTheCausesThenEveryReason() throws Exception {
    CommandResult r = run("kb", "list");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).containsSubsequence("rp-filter", "Drop reasons (", "IP_INHDR", "TC_INGRESS");
  }
}
