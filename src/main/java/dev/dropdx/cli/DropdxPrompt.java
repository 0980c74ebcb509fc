package dev.dropdx.cli;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/** The interactive shell's prompt, `dropdx:>` as README shows it (Spring Shell's default is `shell:>`). */
@Component
public class DropdxPrompt implements PromptProvider {
  /** The prompt text. */
  public static final String PROMPT = "dropdx:>";

  @Override
  public AttributedString getPrompt() {
    return new AttributedString(PROMPT + " ", AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW)); // yellow, as Spring Shell's own
  }
}
