package dev.dropdx.cli;

import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.diagnosis.NamespaceDiagnosis;
import dev.dropdx.diagnosis.NamespaceRow;
import dev.dropdx.diagnosis.UnexplainedDrop;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;

/** Plain text: walks the trail step by step, as the article does by hand, then the diagnosis, fix and verify. */
public final class TextReport {

  private TextReport() {}

  public static String render(DiagnosisReport r) {
    if (r.target().allNetns()) {
      return renderAll(r);
    }
    return render(r, false);
  }

  /**
   * Every namespace (--all-netns): the table first (namespace, reason, location, packets, cause),
   * then the host-wide watch, then each namespace's own report, most packets first.
   */
  private static String renderAll(DiagnosisReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Target: ").append(r.target().describe()).append('\n');
    sb.append("\nDrops by network namespace (most packets first)\n");
    if (r.namespaces().isEmpty()) {
      sb.append("  (no namespace dropped the target's packets)\n");
    } else {
      sb.append(table(r.namespaceTable()));
    }
    sb.append("\nVerdict: ").append(r.verdict().id()).append("  (").append(r.stopReason()).append(")\n");
    sb.append("\nHost-wide watch\n").append(trail(r.trail()));
    java.util.Set<DiagnosisReport> shown = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (NamespaceDiagnosis n : r.namespaces()) {
      sb.append("\n=== namespace ").append(n.namespace().label()).append(", ").append(n.reason()).append(" at ").append(n.location())
          .append(": ").append(n.packets()).append(" packet(s), ").append(n.cause()).append(" ===\n");
      if (n.report() != null && !shown.add(n.report())) {
        sb.append("(the same question as a group above: ").append(n.target().describe()).append(")\n");
      } else if (n.report() != null) {
        sb.append(render(n.report(), true));
      }
    }
    r.notes().forEach(n -> sb.append("\nNote: ").append(wrap(n, "      ")).append('\n'));
    return sb.toString();
  }

  /** The all-netns table, columns padded to their widest cell. */
  static String table(java.util.List<NamespaceRow> rows) {
    String[] head = {"NAMESPACE", "REASON", "LOCATION", "PACKETS", "CAUSE"};
    java.util.List<String[]> cells = new java.util.ArrayList<>();
    cells.add(head);
    rows.forEach(row -> cells.add(new String[] {row.namespace(), row.reason(), row.location(), Long.toString(row.packets()), row.cause()}));
    int[] width = new int[head.length];
    cells.forEach(c -> {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    });
    StringBuilder sb = new StringBuilder();
    for (String[] c : cells) {
      sb.append(' ');
      for (int i = 0; i < c.length; i++) {
        sb.append(' ').append(i == c.length - 1 ? c[i] : String.format("%-" + width[i] + "s ", c[i]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** One namespace's report; {@code matchedOnly} leaves out the other namespaces' drops (shown in the table). */
  private static String render(DiagnosisReport r, boolean matchedOnly) {
    StringBuilder sb = new StringBuilder();
    sb.append("Target: ").append(r.target().describe()).append('\n');
    sb.append("\nTrail\n").append(trail(r.trail()));
    appendDrops(sb, r, matchedOnly);
    sb.append("\nVerdict: ").append(r.verdict().id()).append("  (").append(r.stopReason()).append(")\n");
    appendUnexplained(sb, r);
    for (ExplainedDiagnosis d : r.diagnoses()) {
      sb.append("\nDiagnosis #").append(d.rank()).append(": ").append(d.cause()).append(" - ").append(d.title()).append('\n');
      sb.append("\n  ").append(wrap(d.explanation(), "  ")).append('\n');
      sb.append("\n  Evidence:\n");
      d.evidence().forEach(e -> sb.append("    - ").append(e).append('\n'));
      sb.append("\n  Fix:\n");
      d.fix().forEach(f -> sb.append("    - ").append(wrap(f, "      ")).append('\n'));
      sb.append("\n  Verify:\n");
      d.verify().forEach(v -> sb.append("    - ").append(v).append('\n'));
      sb.append("\n  (concluded by rule \"").append(d.rule()).append("\")\n");
    }
    r.notes().forEach(n -> sb.append("\nNote: ").append(wrap(n, "      ")).append('\n'));
    return sb.toString();
  }

  /** The trail, step by step, as the article walks it by hand. */
  static String trail(java.util.List<TrailStep> steps) {
    StringBuilder sb = new StringBuilder();
    for (TrailStep s : steps) {
      sb.append(String.format("  %d. %s [%s] %d ms%n", s.step(), s.probe(), s.backend(), s.millis()));
      sb.append("     asked by: ").append(s.askedBy()).append('\n');
      sb.append("     why:      ").append(s.why()).append('\n');
      sb.append("     found:    ").append(s.result()).append('\n');
      s.notes().forEach(n -> sb.append("     note:     ").append(n).append('\n'));
    }
    return sb.toString();
  }

  private static void appendDrops(StringBuilder sb, DiagnosisReport r, boolean matchedOnly) {
    java.util.List<Drop> shown = r.drops().stream().filter(d -> !matchedOnly || d.mayBeTarget()).toList();
    if (shown.isEmpty()) {
      return;
    }
    sb.append(matchedOnly ? "\nDrops seen in this namespace\n" : "\nDrops seen\n");
    for (Drop d : shown) {
      String tag = d.match() == TargetMatch.TARGET ? "matched " : d.match() == TargetMatch.OTHER ? "ignored " : "unfiltered";
      sb.append("  ").append(tag).append("  ").append(d.describe()).append('\n');
    }
  }

  /** Inconclusive: what is known about each group of the target's drops, without claiming a cause. */
  private static void appendUnexplained(StringBuilder sb, DiagnosisReport r) {
    if (r.unexplained().isEmpty()) {
      return;
    }
    sb.append("\nWhat is known (no rule proved a cause; each drop reason's page, filled in with what was seen)\n");
    int n = 1;
    for (UnexplainedDrop u : r.unexplained()) {
      sb.append("\n  ").append(n++).append(". ").append(wrap(u.describe(), "     ")).append('\n');
      sb.append("     ").append(u.reason()).append(": ").append(u.title()).append("  [family ").append(u.family()).append("]\n");
      sb.append("     ").append(wrap(u.meaning(), "     ")).append('\n');
      if (!u.counters().isEmpty()) {
        sb.append("     Counters read:\n");
        u.counters().forEach(c -> sb.append("       - ").append(c).append('\n'));
      }
      if (!u.countersNotRead().isEmpty()) {
        sb.append("     Counters that move with it, not read here: ").append(wrap(String.join(", ", u.countersNotRead()), "       "))
            .append('\n');
      }
      sb.append("     Next checks:\n");
      u.checks().forEach(c -> sb.append("       - ").append(wrap(c, "         ")).append('\n'));
      if (!u.causes().isEmpty()) {
        sb.append("     Causes dropdx can prove behind ").append(u.reason()).append(" (none was proven here): ")
            .append(String.join(", ", u.causes())).append('\n');
      }
    }
  }

  /** Wraps long lines at about 100 columns. */
  static String wrap(String text, String indent) {
    StringBuilder out = new StringBuilder();
    int col = 0;
    for (String word : text.split(" ")) {
      if (col > 0 && col + word.length() > 96) {
        out.append('\n').append(indent);
        col = 0;
      } else if (col > 0) {
        out.append(' ');
        col++;
      }
      out.append(word);
      col += word.length();
    }
    return out.toString();
  }
}
