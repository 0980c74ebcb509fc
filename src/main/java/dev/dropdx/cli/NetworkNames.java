package dev.dropdx.cli;

import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The names Tab offers for --netns and --iface: this host's named namespaces and a namespace's interfaces. */
@Component
public class NetworkNames {
  private final Path netnsDir;
  private final Path sysClassNet;
  private final CommandRunner runner;

  @Autowired
  public NetworkNames(CommandRunner runner) {
    this(Path.of("/run/netns"), Path.of("/sys/class/net"), runner);
  }

  /** Names read from other directories (tests). */
  NetworkNames(Path netnsDir, Path sysClassNet, CommandRunner runner) {
    this.netnsDir = netnsDir;
    this.sysClassNet = sysClassNet;
    this.runner = runner;
  }

  /** Named network namespaces (`ip netns list`), sorted; none when there are none. */
  public List<String> namespaces() {
    return list(netnsDir);
  }

  /**
   * Interfaces of a namespace, sorted: dropdx's own from /sys/class/net, a named one's through `ip
   * netns exec NAME ls /sys/class/net` (which mounts that namespace's sysfs). A name that is not a
   * valid namespace name, or one that does not exist, has none.
   */
  public List<String> interfaces(String netns) {
    if (netns == null || netns.isEmpty()) {
      return list(sysClassNet);
    }
    try {
      OptionValues.netns(netns);
    } catch (UsageException e) {
      return List.of();
    }
    if (!namespaces().contains(netns)) {
      return List.of();
    }
    CommandResult r = runner.runIn(netns, List.of("ls", "-1", "/sys/class/net"), Duration.ofSeconds(2));
    return r.ok() ? r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList() : List.of();
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of(); // no such directory: nothing to offer
    }
  }
}
