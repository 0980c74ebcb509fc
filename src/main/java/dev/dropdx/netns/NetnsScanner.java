package dev.dropdx.netns;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Lists the host's network namespaces: the named ones in /run/netns, and every one a process holds
 * (/proc/PID/ns/net), each with its lowest pid, that process's command and the container id its
 * cgroup path shows. Reads only; as root it sees every process.
 */
@Component
public class NetnsScanner {
  private static final Pattern LINK = Pattern.compile("net:\\[(\\d+)]");
  private final Path runNetns;
  private final Path proc;

  public NetnsScanner() {
    this(Path.of("/run/netns"), Path.of("/proc"));
  }

  /** A scanner over other roots (tests point it at a fake /run/netns and /proc). */
  public NetnsScanner(Path runNetns, Path proc) {
    this.runNetns = runNetns;
    this.proc = proc;
  }

  /** Every namespace now on the host. */
  public NetnsMap scan() {
    long own = inodeOfPid("self").orElse(0L);
    Map<Long, String> names = names();
    // inode -> lowest pid: /proc lists pids in no promised order, so sort them.
    Map<Long, Long> holders = new TreeMap<>();
    List<Long> pids = pids();
    pids.sort(null);
    for (long pid : pids) {
      inodeOfPid(Long.toString(pid)).ifPresent(ino -> holders.putIfAbsent(ino, pid));
    }
    Map<Long, NetnsInfo> all = new TreeMap<>();
    names.forEach((ino, name) -> all.put(ino, info(ino, name, ino == own, holders.getOrDefault(ino, 0L))));
    holders.forEach((ino, pid) -> all.putIfAbsent(ino, info(ino, "", ino == own, pid)));
    if (own != 0) {
      all.putIfAbsent(own, info(own, "", true, 0));
    }
    return new NetnsMap(new ArrayList<>(all.values()));
  }

  /** The inode of the namespace process {@code pid} is in ("self" for dropdx), if the process exists and can be read. */
  public Optional<Long> inodeOfPid(String pid) {
    try {
      Matcher m = LINK.matcher(Files.readSymbolicLink(proc.resolve(pid).resolve("ns/net")).toString());
      return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  private NetnsInfo info(long inode, String name, boolean own, long pid) {
    String command = pid > 0 ? read(proc.resolve(Long.toString(pid)).resolve("comm")).strip() : "";
    String container = pid > 0 ? ContainerIds.fromCgroup(read(proc.resolve(Long.toString(pid)).resolve("cgroup"))) : "";
    return new NetnsInfo(inode, name, own, pid, command, container);
  }

  private Map<Long, String> names() {
    Map<Long, String> names = new TreeMap<>();
    if (!Files.isDirectory(runNetns)) {
      return names;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(runNetns)) {
      for (Path p : dir) {
        try {
          long ino = ((Number) Files.getAttribute(p, "unix:ino")).longValue();
          names.putIfAbsent(ino, p.getFileName().toString());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
          // a name being deleted: skip it
        }
      }
    } catch (IOException e) {
      // no /run/netns: no named namespaces
    }
    return names;
  }

  private List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path p : dir) {
        String n = p.getFileName().toString();
        if (n.chars().allMatch(Character::isDigit) && n.length() < 12) {
          pids.add(Long.parseLong(n));
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to list
    }
    return pids;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return ""; // the process ended while we read it
    }
  }
}
