package dev.dropdx.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookException;
import dev.dropdx.rules.RuleBookLoader;
import dev.dropdx.support.LabWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The team-probe example of docs/team-rules.md (examples/team-quarantine): its must-fire and
 * must-not-fire cases pass, each fails when the rule is broken the way it guards against, and the
 * rule book is refused with file and line without the probe file or with a command off the list.
 */
class TeamProbeExampleTest {
  private static final Path TEAM = Path.of("examples/team-quarantine");
  private static final String FIRE = "quarantined-sender.case.json";
  private static final String NEAR_MISS = "other-filter.case.json";

  @Test
  void bothCasesPassAndEachFailsWhenTheRuleIsBroken(@TempDir Path tmp) throws IOException {
    try (LabWiring wiring = new LabWiring()) {
      RuleBookLoader loader = wiring.bean(RuleBookLoader.class);
      RuleCases cases = new RuleCases(new BundleCodec(JsonMapper.builder().build(), ""), wiring.engine, JsonMapper.builder().build());
      RuleBook book = loader.load(List.of(Path.of("rules"), TEAM));
      assertThat(book.teamProbes()).extracting(p -> p.id()).containsExactly("team:tc-ingress-filters");
      assertThat(cases.run(book, cases.find(TEAM))).hasSize(2).allSatisfy(r -> assertThat(r.passed()).as(r.name() + ": " + r.got()).isTrue());

      // The rule no longer recognises the quarantine filter: the must-fire case fails, the near miss still passes.
      Path deaf = copy(tmp.resolve("deaf"));
      edit(deaf, "value(\"pref\") == \"4000\"", "value(\"pref\") == \"4001\"");
      var results = cases.run(loader.load(List.of(Path.of("rules"), deaf)), cases.find(deaf));
      assertThat(results).filteredOn(r -> r.name().equals(FIRE)).singleElement().satisfies(r -> {
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).contains("required cause not proven: team-quarantine");
      });
      assertThat(results).filteredOn(r -> r.name().equals(NEAR_MISS)).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());

      // The rule forgets to compare the sender's address: it fires on another host's quarantine, the near miss fails.
      Path blind = copy(tmp.resolve("blind"));
      edit(blind, ",\n                  anyValue(\"options\\\\.bytecode\\\\.insns\\\\.\\\\d+\\\\.k\", quarantineAddressNumber($src)))", ")");
      results = cases.run(loader.load(List.of(Path.of("rules"), blind)), cases.find(blind));
      assertThat(results).filteredOn(r -> r.name().equals(NEAR_MISS)).singleElement().satisfies(r -> {
        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).contains("forbidden cause proven: team-quarantine");
      });
      assertThat(results).filteredOn(r -> r.name().equals(FIRE)).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
    }
  }

  @Test
  void theBookIsRefusedWithFileAndLineWithoutTheProbeFileOrWithACommandOffTheList(@TempDir Path tmp) throws IOException {
    try (LabWiring wiring = new LabWiring()) {
      RuleBookLoader loader = wiring.bean(RuleBookLoader.class);
      Path noProbes = copy(tmp.resolve("no-probes"));
      Files.delete(noProbes.resolve("probes.json"));
      assertThatThrownBy(() -> loader.load(List.of(Path.of("rules"), noProbes))).isInstanceOfSatisfying(RuleBookException.class, e ->
          assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("team-quarantine.drl");
            assertThat(p.line()).isEqualTo(lineOf(noProbes.resolve("team-quarantine.drl"), "insertLogical(ProbeRequest.of(\"team:"));
            assertThat(p.message()).contains("asks for probe \"team:tc-ingress-filters\", which is not in the probe catalog");
          }));

      Path writer = copy(tmp.resolve("writer"));
      edit(writer, "[\"tc\", \"-j\", \"filter\", \"show\", \"dev\", \"{iface}\", \"ingress\"]",
          "[\"tc\", \"filter\", \"del\", \"dev\", \"{iface}\", \"ingress\"]");
      assertThatThrownBy(() -> loader.load(List.of(Path.of("rules"), writer))).isInstanceOfSatisfying(RuleBookException.class, e ->
          assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(writer.resolve("probes.json").toString());
            assertThat(p.line()).isEqualTo(lineOf(writer.resolve("probes.json"), "\"command\""));
            assertThat(p.message()).contains("command off the allow-list: tc filter del").contains("may only");
          }));
    }
  }

  private static Path copy(Path to) throws IOException {
    try (Stream<Path> files = Files.walk(TEAM)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(TEAM.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  /** Replaces text in the team's DRL or probe file; fails when the text is not there (the example changed). */
  private static void edit(Path dir, String from, String to) throws IOException {
    for (Path f : List.of(dir.resolve("team-quarantine.drl"), dir.resolve("probes.json"))) {
      String text = Files.readString(f);
      if (text.contains(from)) {
        Files.writeString(f, text.replace(from, to));
        return;
      }
    }
    throw new AssertionError("the example no longer holds: " + from);
  }

  private static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }
}
