package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.trust.PathTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A passed run of the rule-book checks is remembered per inputs; any change runs them again. */
class RuleBookCheckMemoTest {
  private static final Optional<String> BUILD = Optional.of("test-build 1");
  @TempDir
  Path tmp;
  private Path rules;
  private Path input;
  private RuleBookCache cache;

  /** Fails when its input file says "bad"; counts its runs. */
  private static final class FileCheck implements RuleBookCheck {
    final AtomicInteger runs = new AtomicInteger();
    final Path input;
    final boolean saysInputs;

    FileCheck(Path input, boolean saysInputs) {
      this.input = input;
      this.saysInputs = saysInputs;
    }

    @Override
    public List<RuleProblem> check(List<RuleSource> sources, List<Path> directories) {
      runs.incrementAndGet();
      try {
        return Files.readString(input).contains("bad") ? List.of(new RuleProblem(input.toString(), 1, "bad input")) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<Inputs> inputs(List<Path> directories) {
      return saysInputs ? Optional.of(new Inputs(List.of(input.getParent()), List.of())) : Optional.empty();
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    rules = tmp.resolve("rules");
    Files.createDirectories(rules);
    Files.writeString(rules.resolve("a.drl"), "package team;\n\nrule \"always\"\nwhen\n  eval(true)\nthen\nend\n");
    input = tmp.resolve("kb/lab/x.json");
    Files.createDirectories(input.getParent());
    Files.writeString(input, "good");
    cache = new RuleBookCache(tmp.resolve("data/cache/rules"), tmp.resolve("data"), new PathTrust());
    Files.createDirectories(tmp.resolve("data/cache/rules"));
  }

  private RuleBookLoader loader(FileCheck check, Optional<String> build) {
    return new RuleBookLoader(cache, List.of(check), new PathTrust(), build);
  }

  @Test
  void aPassIsRememberedAndTheNextLoadSkipsTheCheck() {
    FileCheck check = new FileCheck(input, true);
    loader(check, BUILD).load(List.of(rules));
    RuleBook again = loader(check, BUILD).load(List.of(rules));
    assertThat(check.runs).hasValue(1);
    assertThat(again.rules()).extracting(RuleInfo::name).containsExactly("always");
  }

  @Test
  void aChangedInputRunsTheCheckAgainAndItsProblemRefusesTheBook() throws IOException {
    FileCheck check = new FileCheck(input, true);
    loader(check, BUILD).load(List.of(rules));
    Files.writeString(input, "bad!");
    assertThatThrownBy(() -> loader(check, BUILD).load(List.of(rules))).isInstanceOf(RuleBookException.class)
        .hasMessageContaining("bad input");
    assertThat(check.runs).hasValue(2);
    // a failure is never remembered: the next load checks (and refuses) again
    assertThatThrownBy(() -> loader(check, BUILD).load(List.of(rules))).isInstanceOf(RuleBookException.class);
    assertThat(check.runs).hasValue(3);
  }

  @Test
  void aNewFileInAnInputDirectoryOrAChangedRuleOrBuildRunsTheCheckAgain() throws IOException {
    FileCheck check = new FileCheck(input, true);
    loader(check, BUILD).load(List.of(rules));
    Files.writeString(input.resolveSibling("y.json"), "new");
    loader(check, BUILD).load(List.of(rules));
    assertThat(check.runs).hasValue(2);
    Files.writeString(rules.resolve("a.drl"), "package team;\n\nrule \"always2\"\nwhen\n  eval(true)\nthen\nend\n");
    loader(check, BUILD).load(List.of(rules));
    assertThat(check.runs).hasValue(3);
    loader(check, Optional.of("test-build 2")).load(List.of(rules));
    assertThat(check.runs).hasValue(4);
    loader(check, Optional.of("test-build 2")).load(List.of(rules));
    assertThat(check.runs).hasValue(4);
  }

  @Test
  void withoutABuildIdentityOrTheCheckSayingWhatItReadsItRunsAtEveryLoad() {
    FileCheck check = new FileCheck(input, true);
    loader(check, Optional.empty()).load(List.of(rules));
    loader(check, Optional.empty()).load(List.of(rules));
    assertThat(check.runs).hasValue(2);
    FileCheck silent = new FileCheck(input, false);
    loader(silent, BUILD).load(List.of(rules));
    loader(silent, BUILD).load(List.of(rules));
    assertThat(silent.runs).hasValue(2);
  }

  @Test
  void aClassDirectoryHasNoBuildIdentityAndAJarHasOne() throws IOException {
    assertThat(RuleBookCheckMemo.buildOf(RuleBookCheckMemoTest.class)).isEmpty();
    assertThat(RuleBookCheckMemo.buildOf(org.kie.api.KieBase.class)).hasValueSatisfying(b -> assertThat(b).contains(".jar "));
    // inside Spring Boot's jar the one jar on the class path stands for the build; several entries: none
    // (a class directory stays without one whatever the class path)
    Path jar = Files.writeString(tmp.resolve("dropdx.jar"), "jar");
    assertThat(RuleBookCheckMemo.buildOf(RuleBookCheckMemoTest.class, jar.toString())).isEmpty();
  }
}
