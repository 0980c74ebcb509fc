package dev.dropdx.probe.team;

import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.exec.CommandRunner;
import java.util.List;
import org.springframework.stereotype.Component;

/** Makes runnable probes of the team probe declarations a rule book carries. */
@Component
public class TeamProbes {
  private final CommandRunner runner;

  public TeamProbes(CommandRunner runner) {
    this.runner = runner;
  }

  /** The built-in catalog plus these team probes. */
  public ProbeCatalog catalog(ProbeCatalog builtIn, List<TeamProbeSpec> specs) {
    if (specs.isEmpty()) {
      return builtIn;
    }
    List<Probe> team = specs.stream().<Probe>map(s -> new TeamProbe(s, runner)).toList();
    return builtIn.with(team);
  }
}
