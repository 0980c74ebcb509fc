package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.team.TeamProbeFile;
import dev.dropdx.probe.team.TeamProbes;
import dev.dropdx.trust.PathTrust;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `rules probes` with a team directory configured lists its team probes, with file, parameters and command. */
class TeamProbeListingTest {

  @Test
  void theExamplesTeamProbeIsListedAfterTheBuiltInOnes() {
    TeamProbeFile.Loaded team = TeamProbeFile.load(List.of(Path.of("rules"), Path.of("examples/team-quarantine")), new PathTrust());
    assertThat(team.problems()).isEmpty();
    String text = ReferenceRenderer.probes(RulesCommands.probeInfos(new TeamProbes(null).catalog(new ProbeCatalog(List.of()), team.probes())));
    assertThat(text).contains("## team:tc-ingress-filters\n").contains("examples/team-quarantine/probes.json:3")
        .contains("- facts: `TeamFact`").contains("tc -j filter show dev {iface} ingress").contains("`iface`: a device name");
    // without the team directory there is none
    assertThat(TeamProbeFile.load(List.of(Path.of("rules")), new PathTrust()).probes()).isEmpty();
  }
}
