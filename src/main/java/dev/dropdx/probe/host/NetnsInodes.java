package dev.dropdx.probe.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Resolves namespace names to the inode numbers the kernel reports for them. */
@Component
public class NetnsInodes {
  private static final Pattern LINK = Pattern.compile("net:\\[(\\d+)]");

  /**
   * The inode of a named namespace (/run/netns/NAME), of the one process N is in for {@code pid:N},
   * or of dropdx's own when the name is empty; 0 when unknown.
   */
  public long inodeOf(String netns) {
    try {
      if (netns == null || netns.isEmpty() || pid(netns) != null) {
        String who = netns == null || netns.isEmpty() ? "self" : pid(netns);
        Matcher m = LINK.matcher(Files.readSymbolicLink(Path.of("/proc", who, "ns", "net")).toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
      }
      Object ino = Files.getAttribute(Path.of("/run/netns", netns), "unix:ino");
      return ((Number) ino).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  /** True when the named namespace exists (for {@code pid:N}: process N exists). */
  public boolean exists(String netns) {
    if (netns != null && pid(netns) != null) {
      return Files.exists(Path.of("/proc", pid(netns), "ns", "net"));
    }
    return netns == null || netns.isEmpty() || Files.exists(Path.of("/run/netns", netns));
  }

  /** The pid digits of a {@code pid:N} id, else null. */
  private static String pid(String netns) {
    return netns.matches("pid:[1-9][0-9]{0,9}") ? netns.substring(4) : null;
  }
}
