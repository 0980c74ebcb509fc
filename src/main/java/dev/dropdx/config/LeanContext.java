package dev.dropdx.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
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
    scanner.scan("dev.dropdx");
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
}
