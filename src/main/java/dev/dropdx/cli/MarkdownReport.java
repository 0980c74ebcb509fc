package dev.dropdx.cli;

import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.evidence.TrailStep;

/** Markdown for incident tickets: verdict and diagnosis first, then the trail as a table. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(DiagnosisReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("## dropdx: ").append(r.verdict().id()).append("\n\n");
    sb.append("Target: `").append(r.target().describe()).append("`, kernel ").append(r.host().kernel()).append("\n\n");
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
    sb.append("### Trail\n\n| # | probe | backend | asked by | found | ms |\n|---|---|---|---|---|---|\n");
    for (TrailStep s : r.trail()) {
      sb.append("| ").append(s.step()).append(" | ").append(s.probe()).append(" | ").append(s.backend()).append(" | ")
          .append(cell(s.askedBy())).append(" | ").append(cell(s.result())).append(" | ").append(s.millis()).append(" |\n");
    }
    r.notes().forEach(n -> sb.append("\n> ").append(n).append('\n'));
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
