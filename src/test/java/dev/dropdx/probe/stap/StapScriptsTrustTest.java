package dev.dropdx.probe.stap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.evidence.EvidenceRecorder;
import dev.dropdx.evidence.EvidenceSource;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.trust.PathTrust;
import dev.dropdx.trust.UntrustedPathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: a stap script is compiled into a kernel module as root, so the stap/ directory is
 * trust-checked before any stap command line is made. A runner that records instead of running
 * shows whether stap would have been started: from a safe directory it is, from a directory,
 * script or parent a stranger could change it never is, and the refusal (naming the path and the
 * fix) ends the run rather than passing for a failed probe.
 */
class StapScriptsTrustTest {
  private static final HostFacts HOST = new HostFacts("4.19.0", true, "/sys/kernel/tracing", Map.of(), List.of("stap"), List.of());
  private static final ProbeContext CONTEXT = new ProbeContext(new Target("198.18.0.1", null, 1, null, null, ""), HOST, 1, line -> { });
  private static final ProbeRequest RETURN = ProbeRequest.of("stap-return", 50, "rule", "why", "function", "ip_route_input_noref");
  private static final ProbeRequest WATCH = ProbeRequest.of("drop-watch", 100, "common: watch", "why");
  @TempDir Path tmp;
  private Path stap;
  private final List<List<String>> started = new ArrayList<>();

  /** Records each command line instead of running it, and answers as a stap run that saw nothing. */
  private final CommandRunner recording = new CommandRunner(new ChildProcesses()) {
    @Override
    public CommandResult run(List<String> command, Duration timeout) {
      started.add(command);
      return new CommandResult(command, 0, "", "", false);
    }
  };

  @BeforeEach
  void plantScripts() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("dropdx"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    stap = Files.createDirectories(home.resolve("stap"));
    for (String script : List.of("function_return.stp", "kfree_skb_location.stp")) {
      Files.writeString(stap.resolve(script), "probe begin { exit() }\n");
      Files.setPosixFilePermissions(stap.resolve(script), PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private StapScripts scripts() {
    return new StapScripts(new DropdxPaths("rules", "", "knowledge-base"), new PathTrust()) {
      @Override
      public Path dir() {
        return stap;
      }
    };
  }

  @Test
  void scriptsFromATrustedDirectoryRun() {
    new StapReturnProbe(recording, scripts()).run(RETURN, CONTEXT);
    assertThat(started).singleElement().satisfies(cmd -> assertThat(cmd.subList(0, 3))
        .containsExactly("stap", stap.resolve("function_return.stp").toString(), "ip_route_input_noref"));
  }

  @Test
  void aWorldWritableScriptsDirectoryIsRefusedAndStapNeverStarts() throws IOException {
    Files.setPosixFilePermissions(stap, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> new StapReturnProbe(recording, scripts()).run(RETURN, CONTEXT)).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("untrusted stap scripts directory " + stap).hasMessageContaining("mode 0777")
        .hasMessageContaining("chmod go-w");
    assertThat(started).isEmpty();
  }

  @Test
  void aGroupWritableScriptIsRefused() throws IOException {
    Path script = stap.resolve("function_return.stp");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-rw-r--"));
    assertThatThrownBy(() -> new StapReturnProbe(recording, scripts()).run(RETURN, CONTEXT)).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining(script.toString()).hasMessageContaining("mode 0664");
    assertThat(started).isEmpty();
  }

  @Test
  void aScriptOwnedByAnotherUserIsRefused() throws IOException {
    Path script = stap.resolve("function_return.stp");
    Files.setOwner(script, script.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    assertThatThrownBy(() -> new StapReturnProbe(recording, scripts()).run(RETURN, CONTEXT)).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining(script.toString()).hasMessageContaining("owned by nobody");
    assertThat(started).isEmpty();
  }

  @Test
  void aGroupWritableParentIsRefused() throws IOException {
    Files.setPosixFilePermissions(stap.getParent(), PosixFilePermissions.fromString("rwxrwxr-x"));
    assertThatThrownBy(() -> new StapReturnProbe(recording, scripts()).run(RETURN, CONTEXT)).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining(stap.getParent().toString());
    assertThat(started).isEmpty();
  }

  @Test
  void theRefusalEndsTheRunInsteadOfPassingForAFailedProbe() throws IOException {
    Files.setPosixFilePermissions(stap, PosixFilePermissions.fromString("rwxrwxrwx"));
    StapDropWatch stapWatch = new StapDropWatch(recording, scripts());
    EvidenceSource live = new EvidenceSource() {
      @Override
      public Availability availability(ProbeRequest request) {
        return Availability.yes(); // as on a host with stap, root and debuginfo
      }

      @Override
      public ProbeOutcome gather(ProbeRequest request, ProbeContext context) {
        return stapWatch.run(request, context);
      }
    };
    EvidenceRecorder recorder = new EvidenceRecorder(live, CONTEXT, EvidenceRecorder.Style.DIAGNOSE, System::nanoTime, System.nanoTime());
    assertThatThrownBy(() -> recorder.run(WATCH)).isInstanceOf(UntrustedPathException.class)
        .hasMessageContaining("untrusted stap scripts directory " + stap);
    assertThat(started).isEmpty();
  }
}
