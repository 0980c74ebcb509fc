package dev.dropdx.diagnosis;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Target;
import dev.dropdx.netns.NetnsInfo;
import java.util.List;

/**
 * One group of a diagnosis of every namespace: the target's drops in one namespace at one place
 * for one reason (a line of the table) and, when the budget allowed, its own diagnosis.
 *
 * @param namespace who it is (name, or inode with a process and container inside it)
 * @param reason the drop reason, e.g. NO_SOCKET
 * @param location where the kernel dropped them, e.g. __udp4_lib_rcv+0x4bc/0xd00
 * @param target what its diagnosis asked about: the user's target in that namespace, narrowed to
 *     the group's biggest flow where the user left destination, protocol or port open
 * @param drops its drops
 * @param report its diagnosis, null when it was not diagnosed
 * @param skipped why it was not diagnosed (a budget spent), empty when it was
 */
public record NamespaceDiagnosis(NetnsInfo namespace, String reason, String location, Target target, List<Drop> drops,
    DiagnosisReport report, String skipped) {

  public NamespaceDiagnosis {
    drops = List.copyOf(drops);
    skipped = skipped == null ? "" : skipped;
  }

  /** Its packets. */
  public long packets() {
    return drops.stream().mapToLong(Drop::count).sum();
  }

  /** What was concluded: the cause ids, "inconclusive", or why it was not diagnosed. */
  public String cause() {
    if (report == null) {
      return "not diagnosed: " + skipped;
    }
    return switch (report.verdict()) {
      case DIAGNOSED -> String.join(", ", report.diagnoses().stream().map(ExplainedDiagnosis::cause).distinct().toList());
      case INCONCLUSIVE -> "inconclusive";
      case NO_DROPS -> "no drops";
    };
  }

  /** Its line of the table. */
  public NamespaceRow row() {
    return new NamespaceRow(namespace.label(), namespace.id(), reason, location, packets(), cause());
  }

  /** The same group with its diagnosis, or with why it got none. */
  NamespaceDiagnosis with(DiagnosisReport diagnosed, String why) {
    return new NamespaceDiagnosis(namespace, reason, location, target, drops, diagnosed, why);
  }
}
