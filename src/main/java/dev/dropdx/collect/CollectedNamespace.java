package dev.dropdx.collect;

import dev.dropdx.fact.Drop;
import dev.dropdx.netns.NetnsInfo;
import java.util.List;

/**
 * One namespace a `collect --all-netns` gathered evidence in: the target's drops the host-wide
 * watch attributed to it, and how many probe results were recorded inside it.
 *
 * @param namespace the namespace (name, or inode and the process holding it)
 * @param drops the target's drops in it, most packets first
 * @param probes probe results recorded with this namespace as their {@code netns}, e.g. 14
 */
public record CollectedNamespace(NetnsInfo namespace, List<Drop> drops, int probes) {

  public CollectedNamespace {
    drops = List.copyOf(drops);
  }

  /** Dropped packets of the target in it, e.g. 12. */
  public long packets() {
    return drops.stream().mapToLong(Drop::count).sum();
  }
}
