package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.fact.Target;
import dev.dropdx.netns.NetnsResolver;
import dev.dropdx.netns.NetnsScanner;
import dev.dropdx.probe.host.NetnsInodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target options `diagnose` and `collect` share: --all-netns, --netns as a name, pid:N or an
 * inode, and the one-line refusals (exit 2 through CommandGuard).
 */
class TargetOptionsTest {
  @TempDir
  Path root;

  private NetnsResolver resolver;

  private NetnsResolver resolver() throws IOException {
    if (resolver != null) {
      return resolver;
    }
    Path proc = Files.createDirectories(root.resolve("proc"));
    Path run = Files.createDirectories(root.resolve("run-netns"));
    Path self = Files.createDirectories(proc.resolve("self").resolve("ns"));
    Files.createSymbolicLink(self.resolve("net"), Path.of("net:[1000]"));
    Path holder = Files.createDirectories(proc.resolve("4711").resolve("ns"));
    Files.createSymbolicLink(holder.resolve("net"), Path.of("net:[2000]"));
    Files.writeString(proc.resolve("4711").resolve("comm"), "sleep\n");
    Files.writeString(proc.resolve("4711").resolve("cgroup"), "0::/user.slice\n");
    resolver = new NetnsResolver(new NetnsScanner(run, proc));
    return resolver;
  }

  /** Every namespace "exists": the resolver's answer is under test, not this host's /run/netns. */
  private static final NetnsInodes ANY = new NetnsInodes() {
    @Override
    public boolean exists(String netns) {
      return true;
    }
  };

  private Target target(String netns, boolean all) throws IOException {
    return TargetOptions.target("198.18.2.1", null, "icmp", null, null, netns, all, resolver(), ANY);
  }

  @Test
  void allNetnsIsEveryNamespaceWithTheAddressesKept() throws IOException {
    Target t = target(null, true);
    assertThat(t.allNetns()).isTrue();
    assertThat(t.src()).isEqualTo("198.18.2.1");
    assertThat(t.protocol()).isEqualTo(1);
  }

  @Test
  void allNetnsWithNetnsIsRefusedInOneLine() {
    assertThatThrownBy(() -> target("web", true)).isInstanceOf(UsageException.class)
        .hasMessage("--netns and --all-netns exclude each other: name one namespace or watch them all");
    // Even an empty --netns value: the user named one.
    assertThatThrownBy(() -> target("", true)).isInstanceOf(UsageException.class).hasMessageNotContaining("\n");
  }

  @Test
  void netnsTakesANamePidOrInode() throws IOException {
    assertThat(target("web", false).netns()).isEqualTo("web");
    assertThat(target("pid:4711", false).netns()).isEqualTo("pid:4711");
    // An inode becomes one process that holds it (no name has it here), or dropdx's own.
    assertThat(target("2000", false).netns()).isEqualTo("pid:4711");
    assertThat(target("1000", false).netns()).isEmpty();
    assertThat(target(null, false).allNetns()).isFalse();
  }

  @Test
  void unknownPidsAndInodesAreRefusedInOneLine() {
    assertThatThrownBy(() -> target("pid:999999", false)).isInstanceOf(UsageException.class)
        .hasMessage("--netns pid:999999: process 999999 does not exist (or its network namespace cannot be read)");
    assertThatThrownBy(() -> target("3000", false)).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--netns 3000: no process holds network namespace inode 3000");
    assertThatThrownBy(() -> target("we b", false)).isInstanceOf(UsageException.class).hasMessageStartingWith("--netns 'we b' is not");
  }

  @Test
  void aNamespaceThatDoesNotExistIsRefused() {
    NetnsInodes none = new NetnsInodes() {
      @Override
      public boolean exists(String netns) {
        return false;
      }
    };
    assertThatThrownBy(() -> TargetOptions.target(null, null, null, null, null, "web", false, resolver(), none))
        .isInstanceOf(UsageException.class).hasMessage("network namespace 'web' does not exist (see ip netns list)");
  }
}
