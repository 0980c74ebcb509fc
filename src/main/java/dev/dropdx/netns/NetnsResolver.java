package dev.dropdx.netns;

import org.springframework.stereotype.Component;

/**
 * Turns what the user wrote after {@code --netns} into the id probes use: a name stays a name,
 * {@code pid:N} must be a live process, and an inode becomes the name that has it, else one
 * process that holds it ({@code pid:N}), else dropdx's own ("").
 */
@Component
public class NetnsResolver {
  private final NetnsScanner scanner;

  public NetnsResolver(NetnsScanner scanner) {
    this.scanner = scanner;
  }

  /**
   * The namespace id for an option value (null or empty: dropdx's own).
   *
   * @throws NetnsException when a pid does not exist or no process or name holds an inode
   */
  public String resolve(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    if (value.startsWith(NetnsInfo.PID_PREFIX)) {
      long pid = NetnsInfo.pidOf(value).orElseThrow(() -> new NetnsException(
          "--netns " + value + " is not pid:N with N a process id (e.g. pid:4711)"));
      if (scanner.inodeOfPid(Long.toString(pid)).isEmpty()) {
        throw new NetnsException("--netns " + value + ": process " + pid + " does not exist (or its network namespace cannot be read)");
      }
      return value;
    }
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 19) {
        throw new NetnsException("--netns " + value + " is not a namespace inode (too many digits)");
      }
      long inode = Long.parseLong(value);
      NetnsInfo info = scanner.scan().byInode(inode).orElseThrow(() -> new NetnsException("--netns " + value
          + ": no process holds network namespace inode " + value + " and no ip netns name has it (see lsns -t net)"));
      return info.id();
    }
    return value;
  }
}
