package dev.dropdx.lab;

import dev.dropdx.probe.exec.CommandRunner;
import java.util.List;
import java.util.Map;

/**
 * The programs a scenario runs, checked before anything is built: a missing one is "install this
 * package" (exit 1), never a failed diagnosis.
 */
public final class LabTools {
  /** Debian packages of lab tools that CommandRunner does not name (it knows ip, ping, python3, nft, tcpdump, ...). */
  private static final Map<String, String> MORE_PACKAGES = Map.of(
      "iptables", "iptables", "ip6tables", "iptables", "tc", "iproute2", "bridge", "iproute2", "ethtool", "ethtool",
      "ebtables", "ebtables", "conntrack", "conntrack", "unshare", "util-linux", "socat", "socat");

  private LabTools() {}

  /** One line per missing program, each naming its Debian package where known; empty when all are here. */
  public static List<String> missing(LabScenario scenario) {
    return scenario.tools().stream().map(LabTools::missing).filter(m -> m != null).toList();
  }

  private static String missing(String tool) {
    String why = CommandRunner.missing(tool);
    if (why == null || why.contains("Debian") || tool.contains("/")) {
      return why;
    }
    String pkg = MORE_PACKAGES.get(tool);
    return why + (pkg == null ? " (no known Debian package: install the program that provides " + tool + ")"
        : " (Debian: apt-get install " + pkg + ")");
  }

  /** Throws a {@link LabException} (exit 1) naming what to install when a program the scenario runs is missing. */
  public static void require(LabScenario scenario) {
    List<String> missing = missing(scenario);
    if (!missing.isEmpty()) {
      throw new LabException("lab " + scenario.name() + " cannot run here: " + String.join("; ", missing));
    }
  }
}
