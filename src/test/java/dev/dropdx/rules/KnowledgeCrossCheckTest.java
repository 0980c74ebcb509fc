package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The load-time cross-checks on small rule and knowledge-base directories: each problem names file and line. */
class KnowledgeCrossCheckTest {
  private static final Set<String> PROBES = Set.of("sysctl", "route");
  @TempDir
  Path tmp;

  private static final String HEAD = """
      package teamx;

      import dev.dropdx.fact.Drop;
      import dev.dropdx.fact.ProbeRequest;
      import dev.dropdx.fact.Diagnosis;
      import java.util.Map;
      import java.util.HashMap;

      function Map bindings(Drop d) {
          Map m = new HashMap();
          m.put("iface", d.iface());
          m.put("mode", d.count() > 1 ? "many" : "one");
          return m;
      }
      """;

  private static final String CONCLUDE = """

      rule "team-x: conclude"
      when
          $d : Drop(reason == "TEAM_X")
      then
          insert(Diagnosis.of("%s", 1, drools.getRule().getName(), bindings($d), $d));
      end
      """;

  private static final String ENTRY = """
      {
        "id": "team-x",
        "title": "Team X drops on {iface}",
        "bindings": ["iface", "mode"],
        "choices": {"howMany": {"by": "mode", "cases": {"one": "one packet", "many": "packets"}}},
        "explanation": "{howMany} dropped on {iface}.",
        "fix": ["{nsExec}sysctl -w net.ipv4.conf.{iface}.team_x=0"]
      }
      """;

  @Test
  void aConsistentDirectoryHasNoProblems() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-x"), ENTRY);
    assertThat(check(dir)).isEmpty();
  }

  @Test
  void aCauseWithoutKnowledgeBaseEntryIsReportedWithFileAndLine() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-y"), ENTRY);
    assertThat(check(dir)).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(dir.resolve("team-x/reasons.drl").toString());
      assertThat(p.line()).isEqualTo(lineOf(dir.resolve("team-x/reasons.drl"), "Diagnosis.of(\"team-y\""));
      assertThat(p.message()).contains("team-y").contains("no knowledge-base entry");
    });
  }

  @Test
  void anUnknownProbeIsReportedWithFileAndLine() throws IOException {
    String ask = """

        rule "team-x: ask"
        when
            $d : Drop(reason == "TEAM_X")
        then
            insertLogical(ProbeRequest.of("sysctl", 50, drools.getRule().getName(), "why", "keys", "a"));
            insertLogical(ProbeRequest.of("no-such-probe", 40, drools.getRule().getName(), "why"));
        end
        """;
    Path dir = team(HEAD + CONCLUDE.formatted("team-x") + ask, ENTRY);
    assertThat(check(dir)).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("reasons.drl");
      assertThat(p.line()).isEqualTo(lineOf(dir.resolve("team-x/reasons.drl"), "no-such-probe"));
      assertThat(p.message()).contains("\"no-such-probe\"").contains("probe catalog").contains("route").contains("sysctl");
    });
  }

  @Test
  void anUnboundPlaceholderIsReportedWithTheJsonFileAndLine() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-x"), ENTRY.replace("\"fix\": [\"", "\"fix\": [\"{gateway} "));
    assertThat(check(dir)).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(dir.resolve("knowledge-base/team-x.json").toString());
      assertThat(p.line()).isEqualTo(lineOf(dir.resolve("knowledge-base/team-x.json"), "{gateway}"));
      assertThat(p.message()).contains("{gateway}").contains("not a declared binding");
    });
  }

  @Test
  void anEntryWithoutFixIsReportedWithTheTeamFileAndLine() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-x"), ENTRY.replaceAll(",\\s*\"fix\": \\[.*\\]", ""));
    assertThat(check(dir)).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(dir.resolve("knowledge-base/team-x.json").toString());
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).contains("fix is required");
    });
    Path empty = team(HEAD + CONCLUDE.formatted("team-x"), ENTRY.replaceAll("\"fix\": \\[.*\\]", "\"fix\": []"));
    assertThat(check(empty)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(lineOf(empty.resolve("knowledge-base/team-x.json"), "\"fix\""));
      assertThat(p.toString()).contains("team-x.json:" + p.line());
    });
  }

  @Test
  void anEntryThatIsNotJsonIsReportedWithItsLine() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-x"), ENTRY.replace("\"explanation\":", "\"explanation\" "));
    assertThat(check(dir)).singleElement().satisfies(p -> {
      assertThat(p.file()).endsWith("team-x.json");
      assertThat(p.line()).isEqualTo(lineOf(dir.resolve("knowledge-base/team-x.json"), "\"explanation\""));
    });
  }

  @Test
  void aMisspeltPlaceholderIsReportedWithFileAndLine() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-x"), ENTRY.replace("dropped on {iface}.", "dropped on {ifacee}."));
    assertThat(check(dir)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(lineOf(dir.resolve("knowledge-base/team-x.json"), "{ifacee}"));
      assertThat(p.message()).contains("{ifacee}");
    });
  }

  @Test
  void aPlaceholderInsideAChoiceIsCheckedToo() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-x"), ENTRY.replace("\"one packet\"", "\"one {unit}\""));
    assertThat(check(dir)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(lineOf(dir.resolve("knowledge-base/team-x.json"), "{unit}"));
      assertThat(p.message()).contains("choice \"howMany\"").contains("{unit}");
    });
  }

  @Test
  void aRuleThatBindsLessOrMoreThanTheEntryDeclaresIsReportedAtTheRule() throws IOException {
    Path dir = team(HEAD.replace("m.put(\"mode\"", "m.put(\"extra\", \"x\");\n    m.put(\"mod\"") + CONCLUDE.formatted("team-x"), ENTRY);
    List<RuleProblem> problems = check(dir);
    int line = lineOf(dir.resolve("team-x/reasons.drl"), "Diagnosis.of(");
    assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p.line()).isEqualTo(line));
    assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("does not bind [mode]"));
    assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("binds [extra, mod]").contains("does not declare"));
  }

  @Test
  void bindingsBuiltInlineCannotBeCheckedAndAreReported() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-x").replace("bindings($d)", "new HashMap()"), ENTRY);
    assertThat(check(dir)).singleElement().satisfies(p -> assertThat(p.message()).contains("bindings dropdx cannot read"));
  }

  @Test
  void theLoaderRefusesABookTheChecksReject() throws IOException {
    Path dir = team(HEAD + CONCLUDE.formatted("team-y"), ENTRY);
    RuleBookLoader loader = new RuleBookLoader(null, List.of(crossCheck()));
    assertThatThrownBy(() -> loader.load(List.of(dir))).isInstanceOfSatisfying(RuleBookException.class, e -> {
      assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains("reasons.drl:").contains("team-y"));
      assertThat(e.getMessage()).contains("do not agree with the knowledge base");
    });
    assertThat(new RuleBookLoader(null, List.of(crossCheck())).load(List.of(team(HEAD + CONCLUDE.formatted("team-x"), ENTRY))).rules())
        .extracting(RuleInfo::name).containsExactly("team-x: conclude");
  }

  private List<RuleProblem> check(Path dir) throws IOException {
    RuleBookLoader plain = new RuleBookLoader();
    plain.load(List.of(dir)); // compiles: the problems are the check's, not the compiler's
    return crossCheck().check(sources(dir), List.of(dir));
  }

  private KnowledgeCrossCheck crossCheck() throws IOException {
    Path emptyKb = Files.createDirectories(tmp.resolve("main-kb"));
    return new KnowledgeCrossCheck(emptyKb, JsonMapper.builder().build(), () -> PROBES);
  }

  private Path team(String drl, String entry) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "team");
    Files.createDirectories(dir.resolve("team-x"));
    Files.writeString(dir.resolve("team-x/reasons.drl"), drl);
    Files.createDirectories(dir.resolve("knowledge-base"));
    Files.writeString(dir.resolve("knowledge-base/team-x.json"), entry);
    return dir;
  }

  private static List<RuleSource> sources(Path dir) throws IOException {
    Path f = dir.resolve("team-x/reasons.drl");
    return List.of(new RuleSource(f, 1, "teamx/x.drl", Files.readString(f)));
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
