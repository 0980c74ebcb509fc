package dev.dropdx.probe;

import java.util.List;

/**
 * What a probe found.
 *
 * @param backend what actually ran (e.g. "tracefs+bpftrace", "procfs", "iproute2")
 * @param summary one line for the trail
 * @param facts facts to insert into the session
 * @param notes things the user should know about the evidence (e.g. it was unfiltered)
 * @param raw the raw output, kept for the evidence bundle
 */
public record ProbeOutcome(String backend, String summary, List<Object> facts, List<String> notes, String raw) {

  public ProbeOutcome {
    facts = List.copyOf(facts);
    notes = List.copyOf(notes);
  }
}
