package dev.dropdx.support;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.RouteLookup;
import dev.dropdx.fact.SysctlValue;
import dev.dropdx.fact.TargetMatch;
import java.util.List;

/** Ready-made facts for rule tests, shaped like what the probes produce. */
public final class Facts {
  public static final String NS = "dropdx-lab-test";

  private Facts() {}

  public static Drop drop(String function, String reason, TargetMatch match, String iface, String src, String dst, int proto) {
    return new Drop(function, function + "+0x25b/0x470", reason, 12, match, NS, iface, src, dst, proto, List.of());
  }

  public static SysctlValue sysctl(String key, String value) {
    return new SysctlValue(NS, key, value);
  }

  public static RouteLookup outputRoute(String to, String dev) {
    return new RouteLookup(NS, "output", to, null, null, dev, "unicast", null);
  }

  public static RouteLookup outputRouteFails(String to, String error) {
    return new RouteLookup(NS, "output", to, null, null, null, null, error);
  }

  public static RouteLookup inputRouteFails(String dst, String src, String iif, String error) {
    return new RouteLookup(NS, "input", dst, src, iif, null, null, error);
  }

  public static RouteLookup inputRoute(String dst, String src, String iif) {
    return new RouteLookup(NS, "input", dst, src, iif, "lo", "local", null);
  }
}
