package dev.dropdx.cli;

import dev.dropdx.knowledge.ReasonCatalog;
import dev.dropdx.knowledge.ReasonPage;
import java.io.PrintWriter;

/** Prints a drop reason's page for `kb show REASON` and `explain REASON`. */
final class ReasonPageRenderer {
  private final ReasonCatalog catalog;

  ReasonPageRenderer(ReasonCatalog catalog) {
    this.catalog = catalog;
  }

  /** The reference form (`kb show`): every field, one per line. */
  void show(PrintWriter out, ReasonPage page) {
    out.println(page.reason() + ": " + page.title());
    out.println("family:   " + family(page));
    out.println("counters: " + (page.counters().isEmpty() ? "(none move for it)" : String.join(", ", page.counters())));
    out.println("causes:   " + causes(page));
    if (page.kernels() != null) {
      out.println("kernels:  " + page.kernels());
    }
    out.println("\n" + TextReport.wrap(page.meaning(), ""));
    out.println("\nfirst checks:");
    page.checks().forEach(c -> out.println("  - " + c));
  }

  /** The plain-language form (`explain`). */
  void explain(PrintWriter out, ReasonPage page) {
    out.println("# " + page.reason() + ": " + page.title() + "\n\n" + TextReport.wrap(page.meaning(), "") + "\n");
    if (!page.counters().isEmpty()) {
      out.println("Counters that move with it: " + String.join(", ", page.counters()) + "\n");
    }
    out.println("First checks:");
    page.checks().forEach(c -> out.println("  - " + TextReport.wrap(c, "    ")));
    if (!page.causes().isEmpty()) {
      out.println("\nCauses dropdx can prove behind it: " + causes(page));
    }
    out.println("\n(Words in {braces} are filled in with your interface, addresses and namespace when dropdx diagnoses a drop.)");
  }

  private String family(ReasonPage page) {
    String title = catalog.families().get(page.family());
    return title == null ? page.family() : page.family() + " (" + title + ")";
  }

  private String causes(ReasonPage page) {
    if (page.causes().isEmpty()) {
      return "(none yet: dropdx shows this page and the checks)";
    }
    return String.join(", ", page.causes().stream().map(c -> catalog.isPlanned(c) ? c + " (planned)" : c).toList());
  }
}
