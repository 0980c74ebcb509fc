package dev.dropdx.diagnosis;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Target;
import dev.dropdx.knowledge.ReasonCatalog;
import dev.dropdx.knowledge.ReasonPage;
import dev.dropdx.knowledge.Templates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the target's drops that no rule explained into "here is what we know": grouped by reason
 * and location, each group with its reason's page filled in with what was seen, the counters of
 * the page the rules read, and the next checks.
 */
final class UnexplainedDrops {
  /** A page's counter entry names a counter the counters probe can read when it is one nstat-style word. */
  private static final Pattern COUNTER_NAME = Pattern.compile("[A-Z][A-Za-z0-9]+");

  private final ReasonCatalog catalog;

  UnexplainedDrops(ReasonCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The groups, the most packets first; within a group, the busiest drop first.
   *
   * @param drops every drop of the session (others' packets are left out here)
   * @param counters every counter the rules read
   * @param target what was asked about (its namespace when a drop names none)
   */
  List<UnexplainedDrop> of(List<Drop> drops, List<Counter> counters, Target target) {
    Map<List<String>, List<Drop>> groups = new LinkedHashMap<>();
    // The session hands facts over in no fixed order: the busiest drop first makes "the first" mean something.
    drops.stream().filter(Drop::mayBeTarget)
        .sorted(Comparator.comparingLong(Drop::count).reversed().thenComparing(d -> String.valueOf(d.src()))
            .thenComparing(d -> String.valueOf(d.iface())))
        .forEach(d -> groups.computeIfAbsent(List.of(d.reason(), d.location()), k -> new ArrayList<>()).add(d));
    return groups.values().stream()
        .map(g -> group(g, counters, target))
        .sorted(Comparator.comparingLong(UnexplainedDrop::count).reversed()
            .thenComparing(UnexplainedDrop::reason).thenComparing(UnexplainedDrop::location))
        .toList();
  }

  private UnexplainedDrop group(List<Drop> drops, List<Counter> counters, Target target) {
    Drop first = drops.get(0);
    ReasonPage page = catalog.pageOrFallback(first.reason());
    long count = drops.stream().mapToLong(Drop::count).sum();
    String netns = first.netns() == null ? target.netns() : first.netns();
    String iface = seen(drops, Drop::iface);
    String src = seen(drops, Drop::src);
    String dst = seen(drops, Drop::dst);

    Map<String, String> values = new HashMap<>(Templates.globals(netns));
    // A check needs one value; a group seen on several devices or addresses shows the first.
    values.put("iface", firstOr(iface, "IFACE"));
    values.put("src", firstOr(src, "SRC"));
    values.put("dst", firstOr(dst, "DST"));
    values.put("count", Long.toString(count));
    values.put("location", first.location());
    List<String> checks = page.checks().stream().map(c -> Templates.fill(c, values)).toList();

    List<String> read = new ArrayList<>();
    List<String> notRead = new ArrayList<>();
    for (String entry : page.counters()) {
      String name = entry.strip().split("[\\s:(]", 2)[0];
      List<Counter> found = COUNTER_NAME.matcher(name).matches()
          ? counters.stream().filter(c -> c.name().equals(name) && c.netns().equals(netns)).toList()
          : List.of();
      if (found.isEmpty()) {
        notRead.add(entry);
      } else {
        found.forEach(c -> read.add(c.describe()));
      }
    }
    return new UnexplainedDrop(page.reason(), first.location(), count, page.family(), page.title(), page.meaning(), netns, iface,
        src, dst, checks, read, notRead, page.causes().stream().filter(c -> !catalog.isPlanned(c)).toList());
  }

  /** The distinct values seen, comma-separated; null when none is known. */
  private static String seen(List<Drop> drops, Function<Drop, String> field) {
    Set<String> values = new LinkedHashSet<>();
    drops.stream().map(field).filter(Objects::nonNull).filter(v -> !v.isBlank()).forEach(values::add);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  private static String firstOr(String seen, String placeholder) {
    return seen == null ? placeholder : seen.split(", ", 2)[0];
  }
}
