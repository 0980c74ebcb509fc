package dev.dropdx.diagnosis;

import dev.dropdx.evidence.EvidenceRecord;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Target;
import java.util.List;

/**
 * Everything one diagnosis found.
 *
 * @param target what was asked about
 * @param host the host's capabilities
 * @param verdict how it ended
 * @param diagnoses proven causes, most likely first
 * @param unexplained when inconclusive: the target's drops by reason and location, each with its
 *     reason's page filled in (what was seen, the counters read, the next checks); else empty
 * @param drops every drop seen (the target's and the ignored ones)
 * @param trail the reasoning, step by step
 * @param stopReason why the loop stopped
 * @param notes what could still hide a drop, or what limited the evidence
 * @param evidence every probe that ran, with its raw output (for evidence bundles)
 * @param namespaces with --all-netns: each namespace's drops by reason and place, most packets first,
 *     each with its own diagnosis (the table and the per-namespace reports); empty otherwise
 */
public record DiagnosisReport(
    Target target, HostFacts host, Verdict verdict, List<ExplainedDiagnosis> diagnoses, List<UnexplainedDrop> unexplained,
    List<Drop> drops,
    List<TrailStep> trail, String stopReason, List<String> notes, List<RecordedProbe> evidence, List<NamespaceDiagnosis> namespaces) {

  public DiagnosisReport {
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
  }

  /** A report of one namespace (no per-namespace table). */
  public DiagnosisReport(Target target, HostFacts host, Verdict verdict, List<ExplainedDiagnosis> diagnoses, List<UnexplainedDrop> unexplained,
      List<Drop> drops, List<TrailStep> trail, String stopReason, List<String> notes, List<RecordedProbe> evidence) {
    this(target, host, verdict, diagnoses, unexplained, drops, trail, stopReason, notes, evidence, List.of());
  }

  /** The all-netns table: one row per namespace, reason and place, most packets first. */
  public List<NamespaceRow> namespaceTable() {
    return namespaces.stream().map(NamespaceDiagnosis::row).toList();
  }

  /** What goes into the evidence bundle. */
  public EvidenceRecord recorded() {
    return new EvidenceRecord(target, host, evidence, trail, verdict.id(), diagnoses.stream().map(ExplainedDiagnosis::cause).toList());
  }

  /** The same report with more notes (e.g. the recurrence line from history). */
  public DiagnosisReport withNotes(List<String> more) {
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(more);
    return new DiagnosisReport(target, host, verdict, diagnoses, unexplained, drops, trail, stopReason, List.copyOf(all), evidence, namespaces);
  }
}
