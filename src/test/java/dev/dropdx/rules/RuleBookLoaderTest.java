package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBookLoaderTest {

  @Test
  void aSyntaxErrorNamesTheFileAndLineAndRefusesTheBook(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("team/broken.drl");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "package team;\n\nrule \"half a rule\"\nwhen\n    Drop( reason == \nthen\nend\n");
    assertThatThrownBy(() -> new RuleBookLoader().load(List.of(dir)))
        .isInstanceOf(RuleBookException.class)
        .satisfies(e -> {
          RuleProblem p = ((RuleBookException) e).problems().get(0);
          assertThat(p.file()).isEqualTo(bad.toString());
          assertThat(p.line()).isBetween(5, 7);
        })
        .hasMessageContaining("broken.drl:");
  }

  @Test
  void aMissingDirectoryIsReportedByName(@TempDir Path dir) {
    assertThatThrownBy(() -> new RuleBookLoader().load(List.of(dir.resolve("nope"))))
        .isInstanceOf(RuleBookException.class).hasMessageContaining("nope").hasMessageContaining("does not exist");
  }

  @Test
  void theBuiltInRulesCompileAndListTheirFiles() {
    RuleBook book = new RuleBookLoader().load(List.of(Path.of("rules")));
    assertThat(book.rules()).extracting(RuleInfo::name).contains("common: watch kfree_skb for the target's packets");
    assertThat(book.rules()).allSatisfy(r -> assertThat(r.file()).endsWith(".drl"));
  }

  @Test
  void aTeamRuleWithABuiltInsNameReplacesIt(@TempDir Path team) throws Exception {
    Files.writeString(team.resolve("override.drl"), """
        package team;
        import dev.dropdx.fact.Target;
        rule "common: watch kfree_skb for the target's packets"
        when
            Target()
        then
        end
        """);
    RuleBook book = new RuleBookLoader().load(List.of(Path.of("rules"), team));
    assertThat(book.rules()).filteredOn(r -> r.name().equals("common: watch kfree_skb for the target's packets"))
        .singleElement().satisfies(r -> assertThat(r.packageName()).isEqualTo("team"));
    var session = book.newSession();
    try {
      session.insert(new dev.dropdx.fact.Target("198.18.0.1", null, null, null, null, ""));
      session.fireAllRules();
      // the built-in would have asked for the drop watch; the team's version asks nothing
      assertThat(session.getObjects(o -> o instanceof dev.dropdx.fact.ProbeRequest)).isEmpty();
    } finally {
      session.dispose();
    }
  }
}
