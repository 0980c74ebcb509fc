package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of diagnose, lab run, batch, history, kb and rules, fed hostile values built from a
 * valid one: each is rejected with one printable line (exit 2 through CommandGuard), except where
 * the option takes the value as literal data (unicode file names, search text) and never hands it
 * to a shell.
 */
class HostileOptionsTest {

  /** Ways to spoil a valid value. */
  enum Hostile {
    SEMICOLON(v -> v + "; reboot"),
    SUBSTITUTION(v -> "$(reboot)" + v),
    BACKTICKS(v -> v + "`reboot`"),
    NEWLINE(v -> v + "\nreboot"),
    CARRIAGE_RETURN(v -> v + "\rreboot"),
    TAB(v -> v + "\treboot"),
    NUL(v -> v + "\0"),
    VERY_LONG(v -> v + "x".repeat(100_000)),
    UNICODE(v -> v + "ünï€😀"),
    RIGHT_TO_LEFT(v -> "\u202e" + v),
    LEADING_DASH(v -> "-" + v),
    DOUBLE_DASH(v -> "--" + v);

    final Function<String, String> spoil;

    Hostile(Function<String, String> spoil) {
      this.spoil = spoil;
    }
  }

  /**
   * One option as its command validates it.
   *
   * @param name how users write it
   * @param validValue a value it accepts
   * @param validate what the command calls on the raw value
   * @param accepts the spoilt kinds it takes as literal data
   */
  record OptionUnderTest(String name, String validValue, Function<String, Object> validate, Set<Hostile> accepts) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Set<Hostile> NONE = EnumSet.noneOf(Hostile.class);
  /** File names may be any unicode; never passed to a shell. */
  private static final Set<Hostile> PATHS = EnumSet.of(Hostile.UNICODE, Hostile.RIGHT_TO_LEFT);
  /** Search text is a query parameter: shell syntax in it is just text. */
  private static final Set<Hostile> TEXT = EnumSet.of(Hostile.SEMICOLON, Hostile.SUBSTITUTION, Hostile.BACKTICKS, Hostile.UNICODE,
      Hostile.RIGHT_TO_LEFT, Hostile.LEADING_DASH, Hostile.DOUBLE_DASH);

  static List<OptionUnderTest> options() {
    return List.of(
        new OptionUnderTest("diagnose --src", "198.18.2.1", v -> OptionValues.parse(v, null, null, null, null, null), NONE),
        new OptionUnderTest("diagnose --dst", "198.18.2.1", v -> OptionValues.parse(null, v, null, null, null, null), NONE),
        new OptionUnderTest("diagnose --proto", "udp", v -> OptionValues.parse(null, null, v, null, null, null), NONE),
        new OptionUnderTest("diagnose --dport", "53", v -> OptionValues.parse(null, null, "udp", v, null, null), NONE),
        new OptionUnderTest("diagnose --iface", "eth0", v -> OptionValues.parse(null, null, null, null, v, null), NONE),
        new OptionUnderTest("diagnose --netns", "dropdx-lab-a", v -> OptionValues.parse(null, null, null, null, null, v), NONE),
        new OptionUnderTest("diagnose --netns pid:N", "pid:4711", v -> OptionValues.parse(null, null, null, null, null, v), NONE),
        new OptionUnderTest("diagnose --window", "5", v -> OptionValues.number("--window", v, 1, 300), NONE),
        new OptionUnderTest("diagnose --max-probes", "12", v -> OptionValues.number("--max-probes", v, 1, 100), NONE),
        new OptionUnderTest("diagnose --format", "json", ReportFormat::parse, NONE),
        new OptionUnderTest("diagnose --replay", "case.json", v -> OptionValues.path("--replay", v), PATHS),
        new OptionUnderTest("diagnose --save-bundle", "out.json", v -> OptionValues.path("--save-bundle", v), PATHS),
        new OptionUnderTest("lab run NAME", "rp-filter", OptionValues::scenario, NONE),
        new OptionUnderTest("lab run --window", "3", v -> OptionValues.number("--window", v, 1, 60), NONE),
        new OptionUnderTest("lab run --format", "text", ReportFormat::parse, NONE),
        new OptionUnderTest("lab run --save-bundle", "lab.json", v -> OptionValues.path("--save-bundle", v), PATHS),
        new OptionUnderTest("batch PATH", "bundles", v -> OptionValues.path("batch", v), PATHS),
        new OptionUnderTest("batch --format", "jsonl", OptionValues::batchFormat, NONE),
        new OptionUnderTest("batch --hosts", "r1.site-a", v -> OptionValues.host("--hosts", v), NONE),
        new OptionUnderTest("collect --out", "bundle.json", v -> OptionValues.path("--out", v), PATHS),
        new OptionUnderTest("collect --plan", "first-round.plan", v -> OptionValues.path("--plan", v), PATHS),
        new OptionUnderTest("history --cause", "rp-filter", v -> OptionValues.causeId("--cause", v), NONE),
        new OptionUnderTest("history --since", "7d", HistoryCommands::since, NONE),
        new OptionUnderTest("history --verdict", "diagnosed", OptionValues::verdict, NONE),
        new OptionUnderTest("history --limit", "50", v -> OptionValues.number("--limit", v, 1, 10_000), NONE),
        new OptionUnderTest("history show ID", "12", OptionValues::historyId, NONE),
        new OptionUnderTest("history export FILE", "incident.json", v -> OptionValues.path("history export FILE", v), PATHS),
        new OptionUnderTest("kb show CAUSE", "rp-filter", v -> OptionValues.causeId("cause", v), NONE),
        new OptionUnderTest("explain CAUSE", "no-socket", v -> OptionValues.causeId("cause", v), NONE),
        new OptionUnderTest("kb search TEXT", "rp_filter", v -> OptionValues.text("kb search", v), TEXT),
        new OptionUnderTest("rules validate DIR", "rules", v -> OptionValues.path("rules validate DIR", v), PATHS),
        new OptionUnderTest("rules test DIR", "examples/team", v -> OptionValues.path("rules test DIR", v), PATHS),
        new OptionUnderTest("--rules DIR", "team-rules", v -> OptionValues.path("--rules", v), PATHS));
  }

  static Stream<Arguments> everyOptionWithEveryHostileValue() {
    List<Arguments> cases = new ArrayList<>();
    for (OptionUnderTest o : options()) {
      for (Hostile h : Hostile.values()) {
        cases.add(Arguments.of(o, h));
      }
    }
    return cases.stream();
  }

  @Test
  void everyOptionTakesItsValidValue() {
    for (OptionUnderTest o : options()) {
      assertThat(o.validate().apply(o.validValue())).as(o.name()).isNotNull();
    }
  }

  @ParameterizedTest(name = "{0} <- {1}")
  @MethodSource("everyOptionWithEveryHostileValue")
  void hostileValuesAreRejectedInOnePrintableLine(OptionUnderTest option, Hostile hostile) {
    String value = hostile.spoil.apply(option.validValue());
    if (option.accepts().contains(hostile)) {
      Object parsed = option.validate().apply(value);
      assertThat(parsed.toString()).as("taken literally, unchanged").isEqualTo(value);
      return;
    }
    assertThatThrownBy(() -> option.validate().apply(value))
        .as(option.name() + " must refuse " + hostile)
        .isInstanceOf(UsageException.class)
        .satisfies(e -> {
          String message = e.getMessage();
          assertThat(message).hasSizeLessThan(400);
          assertThat(message.codePoints().noneMatch(c -> c < 32 || c == 127)).as("no raw control characters: " + message).isTrue();
          assertThat(message).doesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        });
  }

  @Test
  void interfaceNamesFollowTheKernelsRules() {
    assertThat(OptionValues.iface("a".repeat(15))).hasSize(15);
    assertThat(OptionValues.iface("veth-a.100")).isEqualTo("veth-a.100");
    for (String bad : List.of("a".repeat(16), "a/b", "a b", ".", "..", "", "eth0:1", "-eth0")) {
      assertThatThrownBy(() -> OptionValues.iface(bad)).as(bad).isInstanceOf(UsageException.class);
    }
  }

  @Test
  void namespaceNamesAreNamesNotPaths() {
    assertThat(OptionValues.netns("dropdx-lab-a.b_c")).isEqualTo("dropdx-lab-a.b_c");
    for (String bad : List.of(".", "..", "../x", "a/b", "-n", "a".repeat(65))) {
      assertThatThrownBy(() -> OptionValues.netns(bad)).as(bad).isInstanceOf(UsageException.class);
    }
  }

  @Test
  void portsAreWholeNumbersInRange() {
    for (String bad : List.of("0", "65536", "-1", "0x35", "٥٣", "53.0", "1e3", "99999999999")) {
      assertThatThrownBy(() -> OptionValues.parse(null, null, "udp", bad, null, null)).as(bad).isInstanceOf(UsageException.class)
          .hasMessageContaining("--dport");
    }
    assertThat(OptionValues.parse(null, null, "tcp", "65535", null, null).dport()).isEqualTo(65535);
  }
}
