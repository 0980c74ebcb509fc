package dev.dropdx.fact;

import java.util.List;

/**
 * A link's state, as `ip -br link show` prints it.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param name device name (without the @peer suffix), e.g. veth0
 * @param operState operational state: UP, DOWN, LOWERLAYERDOWN, UNKNOWN, ..., e.g. UP
 * @param flags the flags between angle brackets, e.g. [BROADCAST, MULTICAST, UP, LOWER_UP]
 */
public record LinkState(String netns, String name, String operState, List<String> flags) implements Evidence {

  public LinkState {
    flags = List.copyOf(flags);
  }

  /** True when the device is administratively up and has carrier (LOWER_UP). */
  public boolean carrying() {
    return flags.contains("UP") && flags.contains("LOWER_UP");
  }

  @Override
  public String describe() {
    return "link " + name + ": " + operState + " <" + String.join(",", flags) + ">" + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
