package dev.dropdx.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * What dropdx knows about one kernel drop reason ({@code skb_drop_reason}, named as the
 * {@code skb:kfree_skb} tracepoint prints it, without the {@code SKB_DROP_REASON_} prefix). Read
 * from {@code knowledge-base/reasons/<REASON>.json}.
 *
 * @param reason the reason name, e.g. {@code IP_INHDR}
 * @param family a short kebab-case family id (see the catalog's families)
 * @param title one line
 * @param meaning what the kernel means by it, in plain words
 * @param counters the counters that move with it (nstat names, or where to read them); may be empty
 * @param checks first checks as commands; may use the placeholders {@link ReasonCatalog#PLACEHOLDERS}
 * @param causes dropdx cause ids that can prove what is behind it; may be empty
 * @param kernels which kernels have it, when not every recent one does (null: nothing to say)
 * @param normalFrees where the kernel frees packets with this reason although nothing was lost; may be empty
 */
public record ReasonPage(
    String reason, String family, String title, String meaning, List<String> counters, List<String> checks,
    List<String> causes, String kernels, List<NormalFree> normalFrees) {

  public ReasonPage {
    counters = counters == null ? List.of() : List.copyOf(counters);
    checks = checks == null ? List.of() : List.copyOf(checks);
    causes = causes == null ? List.of() : List.copyOf(causes);
    normalFrees = normalFrees == null ? List.of() : List.copyOf(normalFrees);
  }

  /** A page without normal frees. */
  public ReasonPage(String reason, String family, String title, String meaning, List<String> counters, List<String> checks,
      List<String> causes, String kernels) {
    this(reason, family, title, meaning, counters, checks, causes, kernels, List.of());
  }

  /** The normal free at the drop's function, if the page lists one there for any protocol. */
  public Optional<NormalFree> normalFreeAt(String function) {
    return normalFrees.stream().filter(n -> n.protocols().isEmpty() && n.at(function)).findFirst();
  }

  /**
   * The normal free at the drop's function for its protocol, if the page lists one (the rules and the
   * namespace table skip those).
   */
  public Optional<NormalFree> normalFreeAt(String function, int protocol) {
    return normalFrees.stream().filter(n -> n.at(function, protocol)).findFirst();
  }
}
