package dev.dropdx.cli;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeCatalog;
import java.util.List;

/**
 * One probe of the catalog as `rules probes --format json` lists it: what it answers and whether
 * this host can run it. Scripts (bench/baseline.py's exhaustive baseline) read it instead of a
 * hand-kept list of probe ids.
 *
 * @param id the id rules ask for
 * @param answers the question it answers
 * @param params the parameter names a request may pass
 * @param facts the fact types it inserts
 * @param backends the tools or files it reads
 * @param available whether this host can run it now
 * @param unavailable when it cannot, why and what to install ("" when it can)
 */
public record ProbeListing(String id, String answers, List<String> params, List<String> facts, List<String> backends,
    boolean available, String unavailable) {

  /** Every probe of {@code catalog}, by id, with its availability on {@code host}. */
  public static List<ProbeListing> of(ProbeCatalog catalog, HostFacts host) {
    return catalog.ids().stream().map(id -> of(catalog.find(id).orElseThrow(), host)).toList();
  }

  static ProbeListing of(Probe probe, HostFacts host) {
    Availability a = probe.availability(host);
    var info = probe.info();
    return new ProbeListing(probe.id(), info.answers(), info.params().stream().map(p -> p.name()).toList(), info.facts(), info.backends(),
        a.available(), a.available() ? "" : a.reason());
  }
}
