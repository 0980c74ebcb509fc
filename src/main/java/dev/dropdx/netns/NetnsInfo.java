package dev.dropdx.netns;

import java.util.Optional;

/**
 * One network namespace as dropdx names it: by its `ip netns` name when it has one, else by one
 * process inside it (a container's namespace has no name).
 *
 * @param inode the namespace's inode (what the kernel reports, e.g. in skb->dev->nd_net.net->ns.inum), e.g. 4026532301
 * @param name its `ip netns` name, empty when it has none, e.g. dropdx-lab-r
 * @param own true for the namespace dropdx itself runs in
 * @param pid one process inside it (the lowest pid), 0 when none was found, e.g. 4711
 * @param command that process's command name (/proc/PID/comm), empty when unknown, e.g. sleep
 * @param containerId the container id its cgroup path shows (64 hex digits), empty when none
 */
public record NetnsInfo(long inode, String name, boolean own, long pid, String command, String containerId) {

  /** The prefix of a namespace named by a process inside it: {@code pid:N}. */
  public static final String PID_PREFIX = "pid:";

  public NetnsInfo {
    name = name == null ? "" : name;
    command = command == null ? "" : command;
    containerId = containerId == null ? "" : containerId;
  }

  /**
   * The id probes and rules use: "" for dropdx's own, the name for a named one, {@code pid:N} for
   * an unnamed one (commands then run through {@code nsenter --net=/proc/N/ns/net}).
   */
  public String id() {
    if (own) {
      return "";
    }
    if (!name.isEmpty()) {
      return name;
    }
    return pid > 0 ? PID_PREFIX + pid : "inode:" + inode;
  }

  /** True when commands can be run inside it (it is ours, named, or a process holds it). */
  public boolean reachable() {
    return own || !name.isEmpty() || pid > 0;
  }

  /** The namespace in words, for the table and the report: name, or inode plus the process (and container) in it. */
  public String label() {
    if (own) {
      return "(dropdx's own, inode " + inode + ")";
    }
    if (!name.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder("inode ").append(inode);
    if (pid > 0) {
      sb.append(" (pid ").append(pid).append(command.isEmpty() ? "" : " " + command);
      if (!containerId.isEmpty()) {
        sb.append(", container ").append(containerId, 0, Math.min(12, containerId.length()));
      }
      sb.append(')');
    } else {
      sb.append(" (no process holds it now)");
    }
    return sb.toString();
  }

  /** The pid a {@code pid:N} id names, if it is one. */
  public static Optional<Long> pidOf(String id) {
    if (id == null || !id.startsWith(PID_PREFIX)) {
      return Optional.empty();
    }
    String digits = id.substring(PID_PREFIX.length());
    if (!digits.matches("[1-9][0-9]{0,9}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(digits));
  }
}
