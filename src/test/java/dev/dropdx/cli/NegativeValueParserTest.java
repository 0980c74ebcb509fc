package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

/** `--window -3` gets the range message, as `--window=-3` does, not "requires a value". */
class NegativeValueParserTest {
  private final NegativeValueParser parser = new NegativeValueParser(new CommandRegistry());

  private static Map<String, String> options(ParsedInput in) {
    return in.options().stream().collect(Collectors.toMap(CommandOption::longName, CommandOption::value));
  }

  @Test
  void aNegativeNumberAfterAnOptionIsItsValue() {
    ParsedInput in = parser.parse("diagnose --replay b.json --window -3 --max-probes -1");
    assertThat(options(in)).containsEntry("window", "-3").containsEntry("max-probes", "-1").containsEntry("replay", "b.json");
  }

  @Test
  void theValueThenGetsTheRangeMessageAsWithEquals() {
    String value = options(parser.parse("diagnose --window -3")).get("window");
    assertThat(value).isEqualTo(options(parser.parse("diagnose --window=-3")).get("window"));
    assertThatThrownBy(() -> OptionValues.number("--window", value, 1, 300)).isInstanceOf(UsageException.class)
        .hasMessage("--window '-3' must be a whole number from 1 to 300");
  }

  @Test
  void leavesQuotedTextAndOtherOptionsAlone() {
    assertThat(NegativeValueParser.joinNegativeValues("kb search \"--x -3\"")).isEqualTo("kb search \"--x -3\"");
    assertThat(NegativeValueParser.joinNegativeValues("diagnose --src 198.18.2.1 --window 3")).isEqualTo("diagnose --src 198.18.2.1 --window 3");
    assertThat(NegativeValueParser.joinNegativeValues("diagnose --window -3")).isEqualTo("diagnose --window=-3");
    assertThat(NegativeValueParser.joinNegativeValues("history --limit -x")).isEqualTo("history --limit -x");
  }
}
