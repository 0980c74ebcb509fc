package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;

/** Tab completes option values: --proto, --format, --netns (existing namespaces) and --iface (that namespace's interfaces). */
class OptionCompletionTest {
  @TempDir
  Path dir;
  private final List<List<String>> ran = new ArrayList<>();
  private OptionCompletion completion;

  /** Runs nothing: answers `ip netns exec web ls -1 /sys/class/net` with web's interfaces. */
  private final CommandRunner runner = new CommandRunner(new ChildProcesses()) {
    @Override
    public CommandResult run(List<String> command, Duration timeout) {
      ran.add(command);
      boolean web = command.equals(List.of("ip", "netns", "exec", "web", "ls", "-1", "/sys/class/net"));
      return new CommandResult(command, web ? 0 : 1, web ? "lo\nveth-web\n" : "", "", false);
    }
  };

  @BeforeEach
  void hostWithTwoNamespaces() throws Exception {
    Files.createDirectories(dir.resolve("netns"));
    Files.createFile(dir.resolve("netns/web"));
    Files.createFile(dir.resolve("netns/db"));
    for (String i : List.of("lo", "eth0", "br0")) {
      Files.createDirectories(dir.resolve("net/" + i));
    }
    // A fake /proc: dropdx and init in the host's namespace, ping in web, two containers' processes
    // (4711 and 4800 share one namespace: its lowest pid names it) and one of another.
    long web = ((Number) Files.getAttribute(dir.resolve("netns/web"), "unix:ino")).longValue();
    process("self", 1000);
    process("1", 1000);
    process("900", web);
    process("4800", 2000);
    process("4711", 2000);
    process("5200", 3000);
    completion = new OptionCompletion(new NetworkNames(dir.resolve("netns"), dir.resolve("net"), runner,
        new dev.dropdx.netns.NetnsScanner(dir.resolve("netns"), dir.resolve("proc"))));
  }

  private void process(String pid, long inode) throws Exception {
    Path ns = Files.createDirectories(dir.resolve("proc").resolve(pid).resolve("ns"));
    Files.createSymbolicLink(ns.resolve("net"), Path.of("net:[" + inode + "]"));
    Files.writeString(dir.resolve("proc").resolve(pid).resolve("comm"), "sleep\n");
    Files.writeString(dir.resolve("proc").resolve(pid).resolve("cgroup"), "0::/user.slice\n");
  }

  private static Command command(String name) {
    return new Command() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public ExitStatus execute(org.springframework.shell.core.command.CommandContext ctx) {
        return ExitStatus.OK;
      }
    };
  }

  /** What Tab offers at the end of this line (the last word is the one being typed). */
  private List<String> complete(String line) {
    List<String> words = new ArrayList<>(Arrays.asList(line.split(" ", -1)));
    String before = words.get(words.size() - 2);
    CommandOption option = before.startsWith("--") ? CommandOption.with().longName(before.substring(2)).build() : null;
    CompletionContext ctx = new CompletionContext(words, words.size() - 1, 0, command(words.get(0)), option);
    return completion.apply(ctx).stream().map(CompletionProposal::value).toList();
  }

  @Test
  void protocolsAndFormats() {
    assertThat(complete("diagnose --proto ")).contains("udp", "tcp", "icmp", "ospf", "gre", "vxlan");
    assertThat(complete("diagnose --format ")).containsExactly("text", "json", "markdown");
    assertThat(complete("batch b/ --format ")).containsExactly("json", "jsonl", "markdown");
  }

  @Test
  void namespacesThatExistNamedOnesThenUnnamedOnesByAProcessInside() {
    // Not pid:1 or pid:900: dropdx's own namespace and web's have other ways to be named.
    assertThat(complete("diagnose --netns ")).containsExactly("db", "web", "pid:4711", "pid:5200");
  }

  @Test
  void anUnnamedNamespaceOffersNoInterfacesAndRunsNothing() {
    assertThat(complete("diagnose --netns pid:4711 --iface ")).isEmpty();
    assertThat(ran).isEmpty();
  }

  @Test
  void interfacesOfTheNamespaceOnTheLineElseDropdxsOwn() {
    assertThat(complete("diagnose --netns web --iface ")).containsExactly("lo", "veth-web");
    assertThat(complete("diagnose --iface ")).containsExactly("br0", "eth0", "lo");
    assertThat(complete("diagnose --netns=web --src 198.18.2.1 --iface ")).containsExactly("lo", "veth-web");
  }

  @Test
  void aNamespaceThatIsNotThereOrNotANameRunsNothing() {
    assertThat(complete("diagnose --netns nope --iface ")).isEmpty();
    assertThat(complete("diagnose --netns ;reboot --iface ")).isEmpty();
    assertThat(ran).isEmpty();
  }
}
