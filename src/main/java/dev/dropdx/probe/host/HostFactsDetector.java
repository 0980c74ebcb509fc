package dev.dropdx.probe.host;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Detects the host's capabilities once per run; mounts tracefs when it is absent and we are root. */
@Component
public class HostFactsDetector {
  private static final List<String> TOOLS = List.of("ip", "bpftrace", "tcpdump", "stap", "dropwatch", "nstat", "ss", "iptables-save", "ip6tables-save", "nft", "tc");

  private final CommandRunner runner;
  private final Path tracefs;

  public HostFactsDetector(CommandRunner runner, @Value("${dropdx.tracefs:/sys/kernel/tracing}") String tracefs) {
    this.runner = runner;
    this.tracefs = Path.of(tracefs);
  }

  /** Looks at the host. Never fails: what cannot be read is reported as absent. */
  public HostFacts detect() {
    List<String> notes = new ArrayList<>();
    boolean root = isRoot();
    String mounted = findOrMountTracefs(root, notes);
    Map<Integer, String> reasons = Map.of();
    if (mounted != null) {
      reasons = DropReasonFormat.parse(read(Path.of(mounted, "events/skb/kfree_skb/format")));
      if (reasons.isEmpty()) {
        notes.add("this kernel's skb:kfree_skb has no drop reason (before 5.17): only the dropping function is visible");
      }
    }
    List<String> tools = TOOLS.stream().filter(HostFactsDetector::onPath).toList();
    return new HostFacts(read(Path.of("/proc/sys/kernel/osrelease")).strip(), root, mounted, reasons, tools, notes);
  }

  private String findOrMountTracefs(boolean root, List<String> notes) {
    if (Files.isDirectory(tracefs.resolve("events"))) {
      return tracefs.toString();
    }
    if (!root) {
      notes.add("tracefs is not mounted at " + tracefs + " and mounting it needs root");
      return null;
    }
    CommandResult mount = runner.run(List.of("mount", "-t", "tracefs", "nodev", tracefs.toString()), Duration.ofSeconds(10));
    if (mount.ok() && Files.isDirectory(tracefs.resolve("events"))) {
      notes.add("tracefs was not mounted: dropdx mounted it at " + tracefs + " and leaves it mounted for other tools");
      return tracefs.toString();
    }
    notes.add("tracefs is not mounted at " + tracefs + " and mounting it failed: " + mount.firstError());
    return null;
  }

  private static boolean isRoot() {
    return read(Path.of("/proc/self/status")).lines()
        .filter(l -> l.startsWith("Uid:"))
        .map(l -> l.split("\\s+")[2]) // effective uid
        .anyMatch("0"::equals);
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    // root's tools live in sbin, which a non-login PATH may lack
    for (String dir : (path + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
