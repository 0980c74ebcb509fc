package dev.dropdx.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.stereotype.Component;

/**
 * Spring Shell's parser with one change: a negative number after an option is that option's value.
 * The default parser reads `--window -3` as two options and says "--window requires a value";
 * `--window=-3` reaches the option's range check. No dropdx option is named like a number, so
 * `--NAME -DIGITS` is rewritten to `--NAME=-DIGITS` (outside quotes) before the default parser runs.
 */
@Component
public class NegativeValueParser implements CommandParser {
  private static final Pattern OPTION_THEN_NEGATIVE = Pattern.compile("(?<=^|\\s)(--[A-Za-z][A-Za-z0-9-]*)\\s+(-[0-9][0-9.]*)(?=\\s|$)");

  private final CommandParser delegate;

  public NegativeValueParser(CommandRegistry registry) {
    this.delegate = new DefaultCommandParser(registry);
  }

  @Override
  public ParsedInput parse(String input) {
    return delegate.parse(input == null ? null : joinNegativeValues(input));
  }

  /** `--window -3` becomes `--window=-3`; text inside quotes is left alone. */
  static String joinNegativeValues(String input) {
    Matcher m = OPTION_THEN_NEGATIVE.matcher(input);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      if (insideQuotes(input, m.start())) {
        continue;
      }
      out.append(input, last, m.start()).append(m.group(1)).append('=').append(m.group(2));
      last = m.end();
    }
    return out.append(input.substring(last)).toString();
  }

  private static boolean insideQuotes(String input, int end) {
    char open = 0;
    for (int i = 0; i < end; i++) {
      char c = input.charAt(i);
      if (c == '\\') {
        i++;
      } else if (open == 0 && (c == '"' || c == '\'')) {
        open = c;
      } else if (c == open) {
        open = 0;
      }
    }
    return open != 0;
  }
}
