package dev.dropdx.probe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.knowledge.Templates;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands run inside a namespace: ip netns exec for a name, nsenter through the process for pid:N, nothing for our own. */
class NamespaceWrappingTest {

  @Test
  void eachKindOfNamespaceIdGetsItsPrefix() {
    List<String> cat = List.of("cat", "/proc/net/snmp");
    assertThat(CommandRunner.inNetns("", cat)).isEqualTo(cat);
    assertThat(CommandRunner.inNetns("web", cat)).containsExactly("ip", "netns", "exec", "web", "cat", "/proc/net/snmp");
    assertThat(CommandRunner.inNetns("pid:4711", cat)).containsExactly("nsenter", "--net=/proc/4711/ns/net", "--", "cat", "/proc/net/snmp");
    assertThatThrownBy(() -> CommandRunner.inNetns("pid:../1", cat)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFixCommandsEnterAnUnnamedNamespaceTheSameWay() {
    assertThat(Templates.globals("pid:4711")).containsEntry("nsExec", "nsenter --net=/proc/4711/ns/net ")
        .containsEntry("ipNetns", "nsenter --net=/proc/4711/ns/net ip");
    assertThat(Templates.globals("web")).containsEntry("nsExec", "ip netns exec web ").containsEntry("ipNetns", "ip -n web");
  }

  @Test
  void anUnnamedNamespaceIsReallyEntered() {
    // Our own process: nsenter into our own namespace must run the command (the wrapping works end to end).
    long self = ProcessHandle.current().pid();
    CommandResult r = new CommandRunner(new ChildProcesses()).runIn("pid:" + self, List.of("cat", "/proc/self/comm"),
        java.time.Duration.ofSeconds(5));
    org.junit.jupiter.api.Assumptions.assumeTrue(CommandRunner.missing("nsenter") == null, "nsenter is not installed");
    org.junit.jupiter.api.Assumptions.assumeTrue(r.exitCode() != 1 || !r.stderr().contains("Operation not permitted"), "needs root");
    assertThat(r.ok()).as(r.stderr()).isTrue();
    assertThat(r.stdout().strip()).isEqualTo("cat");
  }
}
