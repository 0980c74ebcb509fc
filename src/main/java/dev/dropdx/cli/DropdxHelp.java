package dev.dropdx.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

/**
 * `help` and `help COMMAND`, in the shell and on the command line: Spring Shell 4.0.1's built-in
 * help text (its `Help`, Apache-2.0), with the commands of a group sorted by name instead of hash
 * order. It replaces the built-in one ({@code spring.shell.command.help.enabled=false}) because
 * that one formats through Spring Shell's {@code Utils}, whose class initialiser bootstraps
 * Hibernate Validator: a third of `help`'s start on a small machine, for nothing dropdx uses.
 */
@Component
public class DropdxHelp implements Command {
  /** Spring Shell's group for its built-in commands. */
  static final String BUILT_IN = "Built-In Commands";

  @Override
  public String getName() {
    return "help";
  }

  @Override
  public String getDescription() {
    return "Display help about available commands";
  }

  @Override
  public String getGroup() {
    return BUILT_IN;
  }

  @Override
  public ExitStatus execute(CommandContext ctx) {
    PrintWriter out = ctx.outputWriter();
    CommandRegistry registry = ctx.commandRegistry();
    String name = String.join(" ", ctx.parsedInput().arguments().stream().map(CommandArgument::value).toList());
    Command command = registry.getCommandByName(name);
    if (command == null) {
      command = registry.getCommandByAlias(name);
    }
    out.println(command == null ? listing(registry) : page(command));
    out.flush();
    return ExitStatus.OK;
  }

  /** Every visible command, by group, each group's commands by name. */
  static String listing(CommandRegistry registry) {
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder("AVAILABLE COMMANDS").append(nl).append(nl);
    List<Command> commands = registry.getCommands().stream().filter(c -> !c.isHidden())
        .sorted(Comparator.comparing(Command::getGroup).thenComparing(Command::getName)).toList();
    String group = null;
    for (Command c : commands) {
      if (!c.getGroup().equals(group)) {
        group = c.getGroup();
        text.append(group).append(nl);
      }
      text.append('\t').append(c.getName()).append(c.getAliases().isEmpty() ? "" : ", " + String.join(", ", c.getAliases()))
          .append(": ").append(c.getDescription()).append(nl);
    }
    return text.toString();
  }

  /** One command's NAME, SYNOPSIS, OPTIONS and ALIASES, as Spring Shell prints them. */
  static String page(Command command) {
    StringBuilder text = new StringBuilder("NAME\n\t").append(command.getName()).append(" - ").append(command.getDescription()).append("\n\n");
    List<CommandOption> options = command.getOptions();
    text.append("SYNOPSIS\n\t").append(command.getName()).append(' ');
    if (!options.isEmpty()) {
      for (CommandOption option : options) {
        text.append(option.required() ? "[" : "");
        text.append(option.longName() != null ? "--" + option.longName() : "-" + option.shortName());
        text.append(' ').append(option.type().getSimpleName()).append(option.required() ? "] " : "");
      }
      text.append(" --help\n\n");
      text.append("OPTIONS\n");
      for (CommandOption option : options) {
        text.append('\t').append(option.longName() != null ? "--" + option.longName() : "")
            .append(option.shortName() != ' ' ? " or -" + option.shortName() : "")
            .append(' ').append(option.type().getSimpleName()).append('\n');
        text.append('\t').append(option.description()).append('\n');
        text.append(option.required() ? "\t[Mandatory]\n\n" : "\t[Optional, default = " + option.defaultValue() + "]\n\n");
      }
      text.append("\t--help or -h\n\thelp for ").append(command.getName()).append("\n\t[Optional]\n\n");
    }
    if (!command.getAliases().isEmpty()) {
      text.append("ALIASES\n\t").append(String.join(", ", command.getAliases())).append('\n');
    }
    return text.toString();
  }
}
