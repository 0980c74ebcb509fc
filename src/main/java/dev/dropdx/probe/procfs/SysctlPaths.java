package dev.dropdx.probe.procfs;

import java.util.regex.Pattern;

/** Maps sysctl keys to /proc/sys paths, keeping dots inside interface names (eth0.100). */
public final class SysctlPaths {
  private static final Pattern PER_DEVICE = Pattern.compile("^(net\\.ipv[46]\\.(?:conf|neigh))\\.(.+)\\.([^.]+)$");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.\\-@:]+");

  private SysctlPaths() {}

  /** The /proc/sys path of a key; rejects keys that could walk out of /proc/sys. */
  public static String toPath(String key) {
    if (!SAFE.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException("not a sysctl key: " + key);
    }
    var m = PER_DEVICE.matcher(key);
    if (m.matches()) {
      return "/proc/sys/" + m.group(1).replace('.', '/') + "/" + m.group(2) + "/" + m.group(3);
    }
    return "/proc/sys/" + key.replace('.', '/');
  }
}
