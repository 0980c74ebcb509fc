package dev.dropdx.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.shell.core.autoconfigure.StandardCommandsAutoConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application context of a command given on the command line (the lean start): the same
 * components, found by the same scan of {@code dev.dropdx}, and the same properties
 * (application.properties, environment, system properties, {@code --name=value} arguments) as the
 * interactive shell's Spring Boot start, but none of what only the shell uses: no Spring Boot
 * auto-configuration, no JLine terminal or line reader, no Hibernate Validator
 * ({@link NoConstraintsValidator}), and every bean lazy, so a command makes only what it uses
 * (a replay opens no lab, `help` compiles no rules, `kb list` runs no probe).
 */
public final class LeanContext {
  /** The one component that needs the JLine terminal: the shell's prompt. */
  private static final String PROMPT_PROVIDER = "org.springframework.shell.jline.PromptProvider";

  /**
   * System property: a file naming this build's component classes, one a line, registered instead
   * of scanning {@code dev.dropdx}. bin/dropdx keeps it beside its start-up cache, which is keyed
   * by the jar, and passes it; a missing or unreadable file or class means a scan, as without it.
   */
  public static final String COMPONENTS = "dropdx.components";

  /** System property: a file to write the scan's component classes to (bin/dropdx's training run). */
  public static final String COMPONENTS_WRITE = "dropdx.components.write";

  private LeanContext() {}

  /**
   * A started (refreshed) context; no bean is made yet.
   *
   * @param defaults properties below every other source (as SpringApplication's default properties)
   * @param args the command line, whose {@code --name=value} words are properties too (as in Spring Boot)
   */
  public static AnnotationConfigApplicationContext start(Map<String, Object> defaults, String[] args) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    try {
      env.getPropertySources().addLast(new ResourcePropertySource("applicationProperties", "classpath:application.properties"));
    } catch (IOException e) {
      throw new UncheckedIOException("application.properties is part of the jar", e);
    }
    env.getPropertySources().addLast(new MapPropertySource("defaultProperties", defaults));
    LeanLogging.configure(env);

    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.setEnvironment(env);
    // The JSON mapper the lab tests wire (LabWiring); Boot's default one in the shell writes the same (LeanStartIT).
    context.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
    context.registerBean(NoConstraintsValidator.class);
    // Spring Shell's clear, version and script, on the same spring.shell.command.* switches as in the shell.
    context.register(StandardCommandsAutoConfiguration.class);
    ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context, true, env);
    scanner.addExcludeFilter(new AnnotationTypeFilter(SpringBootConfiguration.class)); // the Boot entry point
    scanner.addExcludeFilter((reader, factory) -> Arrays.asList(reader.getClassMetadata().getInterfaceNames()).contains(PROMPT_PROVIDER));
    List<Class<?>> listed = listedComponents(System.getProperty(COMPONENTS));
    if (listed.isEmpty()) {
      scanner.scan("dev.dropdx");
      writeComponents(context, System.getProperty(COMPONENTS_WRITE));
    } else {
      // The same classes the scan finds, without reading every class file of the package (the
      // scan is about a tenth of a replay's start; bench/notes.md, session 13).
      context.register(listed.toArray(Class<?>[]::new));
    }
    context.addBeanFactoryPostProcessor(factory -> {
      for (String name : factory.getBeanDefinitionNames()) {
        BeanDefinition definition = factory.getBeanDefinition(name);
        if (definition.getRole() == BeanDefinition.ROLE_APPLICATION) {
          definition.setLazyInit(true);
        }
      }
    });
    context.registerShutdownHook();
    context.refresh();
    return context;
  }

  /** The classes the file names, or none (then the caller scans) if any of them cannot be read. */
  private static List<Class<?>> listedComponents(String file) {
    if (file == null || !Files.isRegularFile(Path.of(file))) {
      return List.of();
    }
    try {
      List<Class<?>> classes = new ArrayList<>();
      for (String name : Files.readAllLines(Path.of(file))) {
        classes.add(Class.forName(name.strip(), false, LeanContext.class.getClassLoader()));
      }
      return classes;
    } catch (IOException | ClassNotFoundException | LinkageError e) {
      return List.of();
    }
  }

  private static void writeComponents(AnnotationConfigApplicationContext context, String file) {
    if (file == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (String bean : context.getBeanDefinitionNames()) {
      if (context.getBeanDefinition(bean) instanceof ScannedGenericBeanDefinition scanned) {
        names.add(scanned.getBeanClassName());
      }
    }
    try {
      Files.write(Path.of(file), names);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the component list " + file, e);
    }
  }
}
