package dev.dropdx.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The namespace scan on a fake /run/netns and /proc: names, holders, commands, container ids, and --netns resolution. */
class NetnsScannerTest {
  private static final String DOCKER_ID = "4f1c2a9d0b7e6c5a4f1c2a9d0b7e6c5a4f1c2a9d0b7e6c5a4f1c2a9d0b7e6c5a";

  @TempDir
  Path root;
  private Path proc;
  private Path run;
  private long namedInode;

  @BeforeEach
  void host() throws IOException {
    proc = Files.createDirectories(root.resolve("proc"));
    run = Files.createDirectories(root.resolve("run-netns"));
    Path named = Files.createFile(run.resolve("dropdx-lab-web"));
    namedInode = ((Number) Files.getAttribute(named, "unix:ino")).longValue();
    process("self", 1000, "", "");
    process("1", 1000, "systemd", "0::/init.scope\n");
    process("4711", 2000, "sleep", "0::/system.slice/docker-" + DOCKER_ID + ".scope\n");
    process("4700", 2000, "containerd-shim", "0::/system.slice/containerd.service\n");
    process("900", namedInode, "ping", "0::/user.slice\n");
  }

  private void process(String pid, long inode, String comm, String cgroup) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(pid).resolve("ns"));
    Files.createSymbolicLink(dir.resolve("net"), Path.of("net:[" + inode + "]"));
    Files.writeString(proc.resolve(pid).resolve("comm"), comm + "\n");
    Files.writeString(proc.resolve(pid).resolve("cgroup"), cgroup);
  }

  @Test
  void namedUnnamedAndOwnNamespacesAreTold() {
    NetnsMap map = new NetnsScanner(run, proc).scan();
    assertThat(map.byInode(1000)).get().satisfies(n -> {
      assertThat(n.own()).isTrue();
      assertThat(n.id()).isEmpty();
      assertThat(n.label()).isEqualTo("(dropdx's own, inode 1000)");
    });
    assertThat(map.byInode(namedInode)).get().satisfies(n -> {
      assertThat(n.id()).isEqualTo("dropdx-lab-web");
      assertThat(n.pid()).isEqualTo(900);
    });
    // The unnamed one: its lowest pid (4700, not 4711), that process's command; the container id is the holder's cgroup's.
    assertThat(map.byInode(2000)).get().satisfies(n -> {
      assertThat(n.id()).isEqualTo("pid:4700");
      assertThat(n.command()).isEqualTo("containerd-shim");
      assertThat(n.label()).isEqualTo("inode 2000 (pid 4700 containerd-shim)");
    });
    assertThat(NetnsMap.decode(map.encode())).isEqualTo(map);
  }

  @Test
  void aContainersProcessNamesItsContainer() throws IOException {
    Files.writeString(proc.resolve("4700").resolve("cgroup"), "0::/system.slice/docker-" + DOCKER_ID + ".scope\n");
    NetnsInfo n = new NetnsScanner(run, proc).scan().byInode(2000).orElseThrow();
    assertThat(n.containerId()).isEqualTo(DOCKER_ID);
    assertThat(n.label()).isEqualTo("inode 2000 (pid 4700 containerd-shim, container 4f1c2a9d0b7e)");
  }

  @Test
  void containerIdsFromTheCommonCgroupLayouts() {
    assertThat(ContainerIds.fromCgroup("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1.slice/cri-containerd-"
        + DOCKER_ID + ".scope\n")).isEqualTo(DOCKER_ID);
    assertThat(ContainerIds.fromCgroup("0::/machine.slice/libpod-" + DOCKER_ID + ".scope/container\n")).isEqualTo(DOCKER_ID);
    assertThat(ContainerIds.fromCgroup("12:memory:/docker/" + DOCKER_ID + "\n")).isEqualTo(DOCKER_ID);
    assertThat(ContainerIds.fromCgroup("0::/user.slice/user-0.slice/session-1.scope\n")).isEmpty();
    assertThat(ContainerIds.fromCgroup("0::/docker-1234.scope\n")).as("not 64 hex digits").isEmpty();
  }

  @Test
  void netnsOptionValuesResolveOrSayWhatIsWrong() {
    NetnsResolver resolver = new NetnsResolver(new NetnsScanner(run, proc));
    assertThat(resolver.resolve(null)).isEmpty();
    assertThat(resolver.resolve("web")).isEqualTo("web");
    assertThat(resolver.resolve("pid:4711")).isEqualTo("pid:4711");
    assertThat(resolver.resolve(Long.toString(namedInode))).as("an inode with a name").isEqualTo("dropdx-lab-web");
    assertThat(resolver.resolve("2000")).as("an inode only processes hold").isEqualTo("pid:4700");
    assertThat(resolver.resolve("1000")).as("dropdx's own").isEmpty();
    assertThatThrownBy(() -> resolver.resolve("pid:31337")).isInstanceOf(NetnsException.class)
        .hasMessage("--netns pid:31337: process 31337 does not exist (or its network namespace cannot be read)");
    assertThatThrownBy(() -> resolver.resolve("pid:0")).isInstanceOf(NetnsException.class).hasMessageContaining("is not pid:N");
    assertThatThrownBy(() -> resolver.resolve("4026531999")).isInstanceOf(NetnsException.class)
        .hasMessage("--netns 4026531999: no process holds network namespace inode 4026531999 and no ip netns name has it (see lsns -t net)");
  }

  @Test
  void aNamespaceNoOneHoldsIsNotReachable() {
    NetnsInfo gone = new NetnsInfo(3000, "", false, 0, "", "");
    assertThat(gone.reachable()).isFalse();
    assertThat(gone.label()).isEqualTo("inode 3000 (no process holds it now)");
    assertThat(NetnsInfo.pidOf("pid:12")).contains(12L);
    assertThat(NetnsInfo.pidOf("pid:-1")).isEmpty();
    assertThat(NetnsInfo.pidOf("web")).isEmpty();
  }
}
