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

  @Test
  void strictCasesSayWhichExpectationFailed(@TempDir Path dir) throws Exception {
    Path bundle = Path.of("src/test/resources/bundles/rp-filter.json").toAbsolutePath();
    try (LabWiring wiring = new LabWiring()) {
      RuleCases cases = new RuleCases(new BundleCodec(JsonMapper.builder().build(), ""), wiring.engine, JsonMapper.builder().build());
      RuleBook book = new RuleBookLoader().load(List.of(Path.of("rules"), TEAM));

      Files.writeString(dir.resolve("a-misspelt.case.json"), "{\n  \"bundle\": \"" + bundle + "\",\n  \"cuase\": \"rp-filter\"\n}\n");
      Files.writeString(dir.resolve("b-forbidden.case.json"),
          "{\"bundle\": \"" + bundle + "\", \"notCauses\": [\"rp-filter\"]}");
      Files.writeString(dir.resolve("c-verdict.case.json"),
          "{\"bundle\": \"" + bundle + "\", \"verdict\": \"inconclusive\", \"causes\": [\"rp-filter\", \"no-socket\"]}");
      Files.writeString(dir.resolve("d-nothing.case.json"), "{\"bundle\": \"" + bundle + "\"}");
      Files.writeString(dir.resolve("e-near-miss.case.json"),
          "{\"bundle\": \"" + bundle + "\", \"causes\": [\"rp-filter\"], \"notCauses\": [\"team-mark-policy\"]}");

      List<RuleCaseResult> results = cases.run(book, cases.find(dir));
      assertThat(results).extracting(RuleCaseResult::passed).containsExactly(false, false, false, false, true);
      assertThat(results.get(0).failures()).singleElement().asString()
          .contains("a-misspelt.case.json:3:").contains("unknown key \"cuase\"");
      assertThat(results.get(1).failures()).containsExactly("forbidden cause proven: rp-filter");
      assertThat(results.get(2).failures()).containsExactly("verdict: expected inconclusive, got diagnosed",
          "required cause not proven: no-socket");
      assertThat(results.get(3).failures()).singleElement().asString().contains("at least one of");
      assertThat(results.get(4).failures()).isEmpty();
    }
  }
}
