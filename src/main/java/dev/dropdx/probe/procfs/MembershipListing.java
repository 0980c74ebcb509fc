package dev.dropdx.probe.procfs;

import dev.dropdx.fact.Evidence;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the IPv4 and IPv6 membership probes make of their procfs listing alike: one fact per listed
 * interface, plus an empty "not listed" fact for the asked interface when the listing lacks it (so a
 * rule can tell "no groups" from "not asked").
 */
final class MembershipListing {
  private MembershipListing() {}

  /**
   * The outcome of reading {@code file}.
   *
   * @param parse the listing's text into one fact per interface
   * @param ifaceOf a fact's interface
   * @param unlisted the fact for an interface the listing does not name
   */
  static <G extends Evidence> ProbeOutcome outcome(String file, CommandResult read, String raw, String iface,
      Function<String, List<G>> parse, Function<G, String> ifaceOf, Function<String, G> unlisted) {
    if (!read.ok()) {
      return new ProbeOutcome("procfs", file + " could not be read", List.of(), List.of(file + " could not be read: " + read.firstError()), raw);
    }
    List<G> groups = parse.apply(read.stdout());
    List<Object> facts = new ArrayList<>(groups);
    G asked = groups.stream().filter(g -> ifaceOf.apply(g).equals(iface)).findFirst().orElse(null);
    if (iface != null && asked == null) {
      asked = unlisted.apply(iface);
      facts.add(asked);
    }
    String summary = asked != null ? asked.describe() + "; " + groups.size() + " interface(s) listed"
        : groups.size() + " interface(s) listed in " + file;
    return new ProbeOutcome("procfs", summary, facts, List.of(), raw);
  }
}
