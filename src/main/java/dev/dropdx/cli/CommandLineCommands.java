package dev.dropdx.cli;

import dev.dropdx.batch.RulesPreload;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.shell.core.NonInteractiveShellRunner;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.support.CommandFactoryBean;
import org.springframework.util.ClassUtils;

/**
 * Runs one command line in the lean context ({@link dev.dropdx.config.LeanContext}) with Spring
 * Shell's own non-interactive runner, parser and command adapters, as the shell's Spring Boot start
 * does; only the registry differs: it holds the commands whose first word the line starts with
 * (so only their beans are made), or, for `help` and anything else, every command as in the shell.
 */
public final class CommandLineCommands {
  private static final String COMMAND = org.springframework.shell.core.command.annotation.Command.class.getName();

  private CommandLineCommands() {}

  /** Runs the line; the exit code is in {@link CommandOutcome}, as after the shell's runner. */
  public static void run(ConfigurableApplicationContext context, List<String> args) throws Exception {
    CommandRegistry registry = new CommandRegistry();
    // Registered before the commands are made: the parser and `script` take the registry.
    context.getBeanFactory().registerSingleton("commandRegistry", registry);
    String first = args.isEmpty() ? "" : args.get(0);
    if (first.equals("batch")) {
      // The rule book loads while the command's other beans are made and the bundles listed (RulesPreload).
      context.getBean(RulesPreload.class).start();
    }
    List<Method> all = annotatedCommands(context.getBeanFactory());
    List<Method> chosen = first.equals("help") ? List.of() : all.stream().filter(m -> firstWord(m).isEmpty() || firstWord(m).equals(first)).toList();
    for (Method method : chosen.isEmpty() ? all : chosen) {
      CommandFactoryBean factory = new CommandFactoryBean(method);
      factory.setApplicationContext(context);
      registry.registerCommand(factory.getObject());
    }
    if (chosen.isEmpty()) {
      context.getBeansOfType(Command.class).values().forEach(registry::registerCommand);
      registry.registerCommand(quit());
    }
    new NonInteractiveShellRunner(context.getBean(CommandParser.class), registry).run(args.toArray(String[]::new));
  }

  /** The @Command methods of every component, read from the scanned metadata (no bean is made). */
  private static List<Method> annotatedCommands(ConfigurableListableBeanFactory factory) throws ClassNotFoundException {
    List<Method> methods = new ArrayList<>();
    for (String name : factory.getBeanDefinitionNames()) {
      if (factory.getBeanDefinition(name) instanceof AnnotatedBeanDefinition bean && bean.getMetadata().hasAnnotatedMethods(COMMAND)
          && bean.getBeanClassName() != null) {
        Class<?> type = ClassUtils.forName(bean.getBeanClassName(), factory.getBeanClassLoader());
        methods.addAll(MethodIntrospector.selectMethods(type,
            (Method m) -> AnnotatedElementUtils.hasAnnotation(m, org.springframework.shell.core.command.annotation.Command.class)));
      }
    }
    return methods;
  }

  /** The first word of the command's name; a method without a name matches any line (Spring Shell names it then). */
  private static String firstWord(Method method) {
    String[] name = AnnotatedElementUtils.findMergedAnnotation(method, org.springframework.shell.core.command.annotation.Command.class).name();
    String joined = String.join(" ", name).strip();
    return joined.isEmpty() ? "" : joined.split("\\s+")[0];
  }

  /** Spring Shell's built-in `quit` (alias `exit`), as the shell lists it. */
  private static Command quit() {
    return Command.builder().name("quit").aliases("exit").description("Exit the shell").group(DropdxHelp.BUILT_IN).execute(ctx -> { });
  }
}
