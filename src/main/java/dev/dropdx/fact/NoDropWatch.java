package dev.dropdx.fact;

import java.util.List;

/**
 * No backend could watch kfree_skb on this host, so only counters stood in for the drop watch.
 *
 * @param reasons each backend's reason, "name: why (what to install)", in the order they were tried, e.g. [tracefs: not mounted]
 */
public record NoDropWatch(List<String> reasons) implements Evidence {

  public NoDropWatch {
    reasons = List.copyOf(reasons);
  }

  @Override
  public String describe() {
    return "no backend can watch kfree_skb: " + String.join("; ", reasons);
  }
}
