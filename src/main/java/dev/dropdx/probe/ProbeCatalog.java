package dev.dropdx.probe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** All probes this build has, by id. */
@Component
public class ProbeCatalog {
  private final Map<String, Probe> byId;

  public ProbeCatalog(List<Probe> probes) {
    this.byId = probes.stream().collect(Collectors.toMap(Probe::id, Function.identity()));
  }

  public Optional<Probe> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public java.util.Set<String> ids() {
    return new java.util.TreeSet<>(byId.keySet());
  }
}
