package dev.dropdx.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Target;
import java.util.List;

/**
 * The bundle format, version 1 (design.md): everything `diagnose --replay` needs to reach the same
 * diagnosis offline.
 *
 * @param version format version ("dropdx-bundle": 1)
 * @param createdAt when the evidence was gathered (ISO-8601)
 * @param hostname where
 * @param target what was asked about
 * @param host the host's capabilities (drop reason names included)
 * @param probes every probe that ran, with its raw output
 * @param trail the reasoning as it happened
 * @param verdict how it ended; "collected" for a bundle `collect` wrote (not diagnosed yet)
 * @param causes proven causes, most likely first
 */
public record EvidenceBundle(
    @JsonProperty("dropdx-bundle") int version, String createdAt, String hostname, Target target, HostFacts host,
    List<RecordedProbe> probes, List<TrailStep> trail, String verdict, List<String> causes) {

  public static final int CURRENT_VERSION = 1;
  /** The verdict of a bundle no rule has looked at yet (written by `collect`). */
  public static final String COLLECTED = "collected";

  public EvidenceBundle {
    probes = probes == null ? List.of() : List.copyOf(probes);
    trail = trail == null ? List.of() : List.copyOf(trail);
    causes = causes == null ? List.of() : List.copyOf(causes);
  }
}
