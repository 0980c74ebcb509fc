package dev.dropdx.cli;

import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.diagnosis.NamespaceDiagnosis;
import dev.dropdx.diagnosis.NamespaceRow;
import dev.dropdx.diagnosis.UnexplainedDrop;
import dev.dropdx.evidence.TrailStep;

/** Markdown for incident tickets: verdict and diagnosis first, then the trail as a table. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(DiagnosisReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("## dropdx: ").append(r.verdict().id()).append("\n\n");
    sb.append("Target: `").append(r.target().describe()).append("`, kernel ").append(r.host().kernel()).append("\n\n");
    if (r.target().allNetns()) {
      return renderAll(sb, r);
    }
    return body(sb, r);
  }

  /** Every namespace: the table, then each namespace's diagnosis under its own heading. */
  private static String renderAll(StringBuilder sb, DiagnosisReport r) {
    sb.append("| namespace | reason | location | packets | cause |\n|---|---|---|---|---|\n");
    for (NamespaceRow row : r.namespaceTable()) {
      sb.append("| ").append(cell(row.namespace())).append(" | `").append(row.reason()).append("` | `").append(cell(row.location()))
          .append("` | ").append(row.packets()).append(" | ").append(cell(row.cause())).append(" |\n");
    }
    sb.append("\n").append(r.stopReason()).append("\n\n");
    java.util.Set<DiagnosisReport> shown = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (NamespaceDiagnosis n : r.namespaces()) {
      sb.append("## namespace ").append(n.namespace().label()).append(", `").append(n.reason()).append("`: ").append(n.cause())
          .append("\n\n");
      if (n.report() != null && !shown.add(n.report())) {
        sb.append("The same question as a group above: `").append(n.target().describe()).append("`.\n\n");
      } else if (n.report() != null) {
        body(sb, n.report());
        sb.append('\n');
      }
    }
    r.notes().forEach(n -> sb.append("\n> ").append(n).append('\n'));
    return sb.toString();
  }

  private static String body(StringBuilder sb, DiagnosisReport r) {
    for (ExplainedDiagnosis d : r.diagnoses()) {
      sb.append("### ").append(d.rank()).append(". `").append(d.cause()).append("`: ").append(d.title()).append("\n\n");
      sb.append(d.explanation()).append("\n\n**Evidence**\n\n");
      d.evidence().forEach(e -> sb.append("- ").append(e).append('\n'));
      sb.append("\n**Fix**\n\n");
      d.fix().forEach(f -> sb.append("- ").append(f).append('\n'));
      sb.append("\n**Verify**\n\n");
      d.verify().forEach(v -> sb.append("- `").append(v.replace("`", "'")).append("`\n"));
      sb.append('\n');
    }
    appendUnexplained(sb, r);
    sb.append("### Trail\n\n| # | probe | backend | asked by | found | ms |\n|---|---|---|---|---|---|\n");
    for (TrailStep s : r.trail()) {
      sb.append("| ").append(s.step()).append(" | ").append(s.probe()).append(" | ").append(s.backend()).append(" | ")
          .append(cell(s.askedBy())).append(" | ").append(cell(s.result())).append(" | ").append(s.millis()).append(" |\n");
    }
    r.notes().forEach(n -> sb.append("\n> ").append(n).append('\n'));
    return sb.toString();
  }

  /** Inconclusive: each group of the target's drops with its reason's page filled in; no cause is claimed. */
  private static void appendUnexplained(StringBuilder sb, DiagnosisReport r) {
    if (r.unexplained().isEmpty()) {
      return;
    }
    sb.append("### What is known\n\nNo rule proved a cause. The target's drops by reason and location, each with its reason's page:\n\n");
    for (UnexplainedDrop u : r.unexplained()) {
      sb.append("#### `").append(u.reason()).append("` at `").append(u.location()).append("`: ").append(u.title()).append("\n\n");
      sb.append(u.describe()).append(" (family ").append(u.family()).append(").\n\n").append(u.meaning()).append("\n\n");
      if (!u.counters().isEmpty()) {
        sb.append("**Counters read**\n\n");
        u.counters().forEach(c -> sb.append("- ").append(c).append('\n'));
        sb.append('\n');
      }
      if (!u.countersNotRead().isEmpty()) {
        sb.append("Counters that move with it, not read here: ").append(String.join(", ", u.countersNotRead())).append("\n\n");
      }
      sb.append("**Next checks**\n\n");
      u.checks().forEach(c -> sb.append("- `").append(c.replace("`", "'")).append("`\n"));
      sb.append('\n');
      if (!u.causes().isEmpty()) {
        sb.append("Causes dropdx can prove behind it (none was proven here): ").append(String.join(", ", u.causes())).append("\n\n");
      }
    }
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
