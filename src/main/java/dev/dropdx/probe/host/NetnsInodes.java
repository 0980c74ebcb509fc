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

  /** The inode of a named namespace (/run/netns/NAME), or of dropdx's own when the name is empty; 0 when unknown. */
  public long inodeOf(String netns) {
    try {
      if (netns == null || netns.isEmpty()) {
        Matcher m = LINK.matcher(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
      }
      Object ino = Files.getAttribute(Path.of("/run/netns", netns), "unix:ino");
      return ((Number) ino).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }

  /** True when the named namespace exists. */
  public boolean exists(String netns) {
    return netns == null || netns.isEmpty() || Files.exists(Path.of("/run/netns", netns));
  }
}
