package dev.dropdx.fact;

import java.util.List;
import java.util.Map;

/**
 * What this host can do, detected once per run.
 *
 * @param kernel kernel release (uname -r), e.g. 6.8.0-45-generic
 * @param root running as root
 * @param tracefs path of the mounted tracefs, or null when none could be found or mounted, e.g. /sys/kernel/tracing
 * @param dropReasons the running kernel's drop reason names, index = enum value; empty when the
 *     kfree_skb tracepoint has no reason field, e.g. {2=NOT_SPECIFIED}
 * @param tools external tools found on PATH (bpftrace, tcpdump, stap, ip, ...), e.g. [bpftrace tc nft]
 * @param notes things worth telling the user (tracefs mounted by us, ...), e.g. [kptr_restrict hides module addresses]
 */
public record HostFacts(
    String kernel, boolean root, String tracefs, Map<Integer, String> dropReasons, List<String> tools, List<String> notes) {

  public HostFacts {
    dropReasons = dropReasons == null ? Map.of() : Map.copyOf(dropReasons);
    tools = tools == null ? List.of() : List.copyOf(tools);
    notes = notes == null ? List.of() : List.copyOf(notes);
    kernel = kernel == null ? "unknown" : kernel;
  }

  public boolean hasTool(String tool) {
    return tools.contains(tool);
  }

  public boolean hasDropReasons() {
    return !dropReasons.isEmpty();
  }

  /** Name of a drop reason value; the number itself when the kernel did not list it. */
  public String reasonName(int value) {
    return dropReasons.getOrDefault(value, Integer.toString(value));
  }
}
