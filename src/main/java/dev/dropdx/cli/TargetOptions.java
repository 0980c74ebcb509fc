package dev.dropdx.cli;

import dev.dropdx.fact.Target;
import dev.dropdx.netns.NetnsException;
import dev.dropdx.netns.NetnsResolver;
import dev.dropdx.probe.host.NetnsInodes;

/**
 * The target of `diagnose` and `collect` from their options: every namespace with --all-netns,
 * else the one --netns names (a name, {@code pid:N} or an inode), checked to exist. Every
 * rejection is a one-line {@link UsageException} (exit 2).
 */
final class TargetOptions {
  private TargetOptions() {}

  /**
   * @param all true when --all-netns was given
   * @throws UsageException on a bad value, --netns together with --all-netns, or a namespace that does not exist
   */
  static Target target(String src, String dst, String proto, String dport, String iface, String netns, boolean all,
      NetnsResolver resolver, NetnsInodes namespaces) {
    if (all) {
      if (netns != null) {
        throw new UsageException("--netns and --all-netns exclude each other: name one namespace or watch them all");
      }
      return OptionValues.parse(src, dst, proto, dport, iface, null).inNetns(Target.ALL_NETNS);
    }
    String id;
    try {
      id = resolver.resolve(OptionValues.netns(netns));
    } catch (NetnsException e) {
      throw new UsageException(e.getMessage());
    }
    Target target = OptionValues.parse(src, dst, proto, dport, iface, id);
    OptionValues.requireNamespace(target, namespaces);
    return target;
  }
}
