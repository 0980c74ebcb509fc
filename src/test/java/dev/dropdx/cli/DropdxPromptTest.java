package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shell prompt is the one README shows; Spring Shell uses a PromptProvider bean in place of its `shell:>`. */
class DropdxPromptTest {

  @Test
  void promptIsTheOneReadmeShows() throws Exception {
    String prompt = new DropdxPrompt().getPrompt().toString();
    assertThat(prompt).isEqualTo("dropdx:> ");
    assertThat(Files.readString(Path.of("README.md"))).contains("\n" + prompt.strip() + " ");
  }
}
