package dev.dropdx.netns;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a container id in a process's cgroup paths (/proc/PID/cgroup), as docker, containerd and podman write them. */
public final class ContainerIds {
  // docker-<id>.scope, cri-containerd-<id>.scope, libpod-<id>.scope, crio-<id>, and the cgroupfs layouts /docker/<id>, /kubepods/.../<id>.
  private static final Pattern ID = Pattern.compile("(?:docker|cri-containerd|containerd|libpod|crio|conmon)[-/]([0-9a-f]{64})\\b"
      + "|/(?:docker|kubepods[^\\n]*?|lxc)/([0-9a-f]{64})\\b");

  private ContainerIds() {}

  /** The first container id in the cgroup file's text, or "" when it shows none. */
  public static String fromCgroup(String cgroupText) {
    Matcher m = ID.matcher(cgroupText == null ? "" : cgroupText);
    if (!m.find()) {
      return "";
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }
}
