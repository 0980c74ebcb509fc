package dev.dropdx.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Logging for the lean start, from the same {@code logging.*} properties Spring Boot applies in
 * the shell (application.properties): one console appender with {@code logging.pattern.console}
 * and the {@code logging.level.*} levels. Boot's logging system is not started for one command.
 */
final class LeanLogging {
  private static final String LEVEL = "logging.level.";

  private LeanLogging() {}

  static void configure(ConfigurableEnvironment env) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logback.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logback);
    encoder.setPattern(env.getProperty("logging.pattern.console", "%m%n"));
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(logback);
    console.setName("console");
    console.setEncoder(encoder);
    console.start();
    Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(console);
    root.setLevel(Level.WARN);
    for (PropertySource<?> source : env.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> names) {
        for (String name : names.getPropertyNames()) {
          if (name.startsWith(LEVEL)) {
            String logger = name.substring(LEVEL.length());
            Level level = Level.toLevel(env.getProperty(name), Level.WARN);
            (logger.equals("root") ? root : logback.getLogger(logger)).setLevel(level);
          }
        }
      }
    }
  }
}
