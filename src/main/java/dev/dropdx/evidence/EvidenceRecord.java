package dev.dropdx.evidence;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Target;
import java.util.List;

/**
 * What one run (a diagnosis or a `collect`) recorded, ready to become an {@link EvidenceBundle}.
 *
 * @param target what was asked about
 * @param host the host's capabilities
 * @param probes every probe that ran, with its raw output
 * @param trail every step, run or not
 * @param verdict how it ended ({@link EvidenceBundle#COLLECTED} when no rule looked at it)
 * @param causes proven causes, most likely first
 */
public record EvidenceRecord(Target target, HostFacts host, List<RecordedProbe> probes, List<TrailStep> trail, String verdict,
    List<String> causes) {

  public EvidenceRecord {
    probes = List.copyOf(probes);
    trail = List.copyOf(trail);
    causes = List.copyOf(causes);
  }
}
