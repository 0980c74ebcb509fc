package dev.dropdx;

import dev.dropdx.cli.CommandLineCommands;
import dev.dropdx.cli.CommandOutcome;
import dev.dropdx.cli.OptionValues;
import dev.dropdx.cli.UsageException;
import dev.dropdx.config.LeanContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * dropdx: why is the kernel dropping these packets, and what do I change? With a command on the
 * command line it runs that command and exits with its code (batch use); without, it opens the
 * interactive shell.
 *
 * <p>A command line starts lean ({@link LeanContext}: the same components and the same Spring Shell
 * command adapters, parser and runner, without Spring Boot's start, the JLine terminal and
 * Hibernate Validator, every bean made only when used); the interactive shell starts with Spring
 * Boot. {@code -Ddropdx.lean=false} runs a command line through the shell's start instead.
 */
@SpringBootApplication
public class DropdxApplication {

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean debug = rest.remove("--debug");
    flagsWithoutValues(rest);
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("dropdx.debug", debug);
    List<String> teamRules = takeRepeated(rest, "--rules");
    try {
      teamRules.forEach(dir -> OptionValues.path("--rules", dir));
    } catch (UsageException e) {
      System.err.println("dropdx: " + e.getMessage()); // before Spring starts, so CommandGuard is not there yet
      System.exit(2);
    }
    if (!teamRules.isEmpty()) {
      defaults.put("dropdx.rules.team-dirs", String.join(",", teamRules));
    }
    if (!rest.isEmpty()) {
      defaults.put("spring.shell.interactive.enabled", "false");
    }
    boolean lean = !rest.isEmpty() && Boolean.parseBoolean(System.getProperty("dropdx.lean", "true"));
    int code;
    try (ConfigurableApplicationContext context = lean ? LeanContext.start(defaults, rest.toArray(String[]::new)) : boot(defaults, rest)) {
      if (lean) {
        CommandLineCommands.run(context, rest);
      }
      code = context.getBean(CommandOutcome.class).exitCode(rest);
    } catch (Exception e) {
      // Only reached for failures outside our commands (which catch their own): start-up, parsing.
      boolean unknown = rootCause(e).getClass().getSimpleName().equals("CommandNotFoundException");
      // A knowledge base checked while the beans are made (issue 17): refused like any untrusted input, exit 2.
      boolean untrusted = rootCause(e) instanceof dev.dropdx.trust.UntrustedPathException;
      System.err.println("dropdx: " + (unknown ? "unknown command '" + String.join(" ", rest) + "': see help"
          : untrusted ? rootCause(e).getMessage() : rootMessage(e) + (debug ? "" : " (run with --debug for details)")));
      if (debug) {
        e.printStackTrace();
      }
      code = unknown || untrusted ? 2 : 1;
    }
    System.exit(code);
  }

  /** The interactive shell's start (and, with -Ddropdx.lean=false, a command line's). */
  private static ConfigurableApplicationContext boot(Map<String, Object> defaults, List<String> args) {
    SpringApplication app = new SpringApplication(DropdxApplication.class);
    app.setDefaultProperties(defaults);
    return app.run(args.toArray(String[]::new));
  }

  /**
   * Spring Shell 4.0.1 does not recognise boolean options of two-word commands (`lab run --all`)
   * and asks for a value; give bare flags the value they mean.
   */
  private static void flagsWithoutValues(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      boolean last = i + 1 == args.size() || args.get(i + 1).startsWith("--");
      if (args.get(i).equals("--all") && last) {
        args.set(i, "--all=true");
      }
    }
  }

  /** Removes every "--NAME VALUE" (or --NAME=VALUE) pair: options that belong to dropdx, not to one command. */
  private static List<String> takeRepeated(List<String> args, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.size(); ) {
      String a = args.get(i);
      if (a.startsWith(name + "=")) {
        values.add(a.substring(name.length() + 1));
        args.remove(i);
      } else if (a.equals(name) && i + 1 < args.size()) {
        values.add(args.get(i + 1));
        args.remove(i + 1);
        args.remove(i);
      } else {
        i++;
      }
    }
    return values;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = rootCause(e);
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
