package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;

/** dropdx's `help`: Spring Shell's text, each group's commands by name, hidden ones left out. */
class DropdxHelpTest {

  @Test
  void theListingHasGroupsAndTheirCommandsInNameOrderWithAliasesAndNoHiddenCommand() {
    CommandRegistry registry = new CommandRegistry();
    registry.registerCommand(command("lab run", "Lab", "Build a scenario", false));
    registry.registerCommand(command("diagnose", "Diagnosis", "Find why", false));
    registry.registerCommand(command("batch", "Diagnosis", "Diagnose bundles", false));
    registry.registerCommand(command("secret", "Diagnosis", "Not shown", true));
    registry.registerCommand(Command.builder().name("quit").aliases("exit").description("Exit the shell").group(DropdxHelp.BUILT_IN)
        .execute(ctx -> { }));
    String nl = System.lineSeparator();
    assertThat(DropdxHelp.listing(registry)).isEqualTo("AVAILABLE COMMANDS" + nl + nl
        + "Built-In Commands" + nl + "\tquit, exit: Exit the shell" + nl
        + "Diagnosis" + nl + "\tbatch: Diagnose bundles" + nl + "\tdiagnose: Find why" + nl
        + "Lab" + nl + "\tlab run: Build a scenario" + nl);
  }

  @Test
  void aCommandsPageHasNameSynopsisAndOptionsAsSpringShellPrintsThem() {
    Command run = Command.builder().name("lab run").description("Build a scenario").group("Lab")
        .options(CommandOption.with().longName("window").description("seconds to watch").required(false).defaultValue("3").type(String.class).build(),
            CommandOption.with().longName("name").description("the scenario").required(true).type(String.class).build())
        .execute(ctx -> { });
    assertThat(DropdxHelp.page(run)).isEqualTo("""
        NAME
        \tlab run - Build a scenario

        SYNOPSIS
        \tlab run --window String[--name String]  --help

        OPTIONS
        \t--window String
        \tseconds to watch
        \t[Optional, default = 3]

        \t--name String
        \tthe scenario
        \t[Mandatory]

        \t--help or -h
        \thelp for lab run
        \t[Optional]

        """);
  }

  private static Command command(String name, String group, String description, boolean hidden) {
    return Command.builder().name(name).group(group).description(description).hidden(hidden).execute(ctx -> { });
  }
}
