package dev.dropdx.diagnosis;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a report's drops: the target's first (then those that may be its, then others'),
 * most packets first, then by location, reason, namespace, source and destination. Working memory
 * hands the drops back in no fixed order; a report must read the same from run to run.
 */
final class DropOrder {
  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

  /** The report's order. */
  static final Comparator<Drop> REPORT = Comparator.comparingInt(DropOrder::closeness)
      .thenComparing(Comparator.comparingLong(Drop::count).reversed())
      .thenComparing(Drop::location, TEXT)
      .thenComparing(Drop::reason, TEXT)
      .thenComparing(Drop::netns, TEXT)
      .thenComparing(Drop::src, TEXT)
      .thenComparing(Drop::dst, TEXT)
      .thenComparing(Drop::iface, TEXT)
      .thenComparingInt(Drop::protocol);

  private DropOrder() {}

  /** The drops in the report's order. */
  static List<Drop> sorted(List<Drop> drops) {
    return drops.stream().sorted(REPORT).toList();
  }

  /** 0 for the target's, 1 for those that may be its, 2 for others'. */
  private static int closeness(Drop d) {
    return d.match() == TargetMatch.TARGET ? 0 : d.mayBeTarget() ? 1 : 2;
  }
}
