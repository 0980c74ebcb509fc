package dev.dropdx.probe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** All probes this build has, by id (and, through {@link #with}, a rule book's team probes). */
@Component
public class ProbeCatalog {
  private final List<Probe> probes;
  private final Map<String, Probe> byId;

  public ProbeCatalog(List<Probe> probes) {
    this.probes = List.copyOf(probes);
    this.byId = probes.stream().collect(Collectors.toMap(Probe::id, Function.identity()));
  }

  /** This catalog plus more probes (a team's, declared as data); an id already taken is an error. */
  public ProbeCatalog with(List<Probe> more) {
    List<Probe> all = new java.util.ArrayList<>(probes);
    all.addAll(more);
    return new ProbeCatalog(all);
  }

  public Optional<Probe> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public java.util.Set<String> ids() {
    return new java.util.TreeSet<>(byId.keySet());
  }
}
