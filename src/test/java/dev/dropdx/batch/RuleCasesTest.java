package dev.dropdx.batch;

import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookLoader;
import dev.dropdx.support.LabWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import tools.jackson.databind.json.JsonMapper;

/** The team example of docs/team-rules.md: its cases pass with its rules and fail without them. */
class RuleCasesTest {
  private static final Path TEAM = Path.of("examples/team-mark-policy");

  @Test
  void theTeamExamplePassesWithItsRulesAndFailsWithout(@TempDir Path dir) throws Exception {
    try (LabWiring wiring = new LabWiring()) {
      RuleCases cases = new RuleCases(new BundleCodec(JsonMapper.builder().build(), ""), wiring.engine, JsonMapper.builder().build());
      RuleBook withTeam = new RuleBookLoader().load(List.of(Path.of("rules"), TEAM));
      List<RuleCaseResult> results = cases.run(withTeam, cases.find(TEAM));
      assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.passed()).as(r.got()).isTrue());

      RuleBook builtInOnly = new RuleBookLoader().load(List.of(Path.of("rules")));
      assertThat(cases.run(builtInOnly, cases.find(TEAM))).filteredOn(r -> r.name().equals("unmarked-udp.case.json"))
          .singleElement().satisfies(r -> assertThat(r.passed()).isFalse());

      Files.writeString(dir.resolve("broken.case.json"), "{\"bundle\": \"missing.json\", \"verdict\": \"diagnosed\"}");
      assertThat(cases.run(withTeam, cases.find(dir))).singleElement()
          .satisfies(r -> assertThat(r.got()).startsWith("error:").contains("missing.json"));
    }
  }
}
