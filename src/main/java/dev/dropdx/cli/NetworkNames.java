package dev.dropdx.cli;

import dev.dropdx.netns.NetnsInfo;
import dev.dropdx.netns.NetnsScanner;
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

/**
 * The names Tab offers for --netns and --iface: this host's named namespaces, then {@code pid:N}
 * of each namespace without a name (a container's: N is a process inside it), and a named
 * namespace's interfaces.
 */
@Component
public class NetworkNames {
  private final Path netnsDir;
  private final Path sysClassNet;
  private final CommandRunner runner;
  private final NetnsScanner scanner;

  @Autowired
  public NetworkNames(CommandRunner runner, NetnsScanner scanner) {
    this(Path.of("/run/netns"), Path.of("/sys/class/net"), runner, scanner);
  }

  /** Names read from other directories (tests). */
  NetworkNames(Path netnsDir, Path sysClassNet, CommandRunner runner, NetnsScanner scanner) {
    this.netnsDir = netnsDir;
    this.sysClassNet = sysClassNet;
    this.runner = runner;
    this.scanner = scanner;
  }

  /**
   * Named network namespaces (`ip netns list`), sorted, then {@code pid:N} of every namespace a
   * process holds that has no name and is not dropdx's own, by pid; none when there are none.
   */
  public List<String> namespaces() {
    List<String> unnamed = scanner.scan().all().stream().filter(n -> !n.own() && n.name().isEmpty() && n.pid() > 0)
        .sorted(java.util.Comparator.comparingLong(NetnsInfo::pid)).map(NetnsInfo::id).toList();
    return Stream.concat(list(netnsDir).stream(), unnamed.stream()).toList();
  }

  /**
   * Interfaces of a namespace, sorted: dropdx's own from /sys/class/net, a named one's through `ip
   * netns exec NAME ls /sys/class/net` (which mounts that namespace's sysfs). A name that is not a
   * valid namespace name, one that does not exist, or a pid:N (nsenter would show this host's
   * sysfs, not that namespace's) has none.
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
    if (!list(netnsDir).contains(netns)) {
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
