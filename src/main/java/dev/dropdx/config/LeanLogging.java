package dev.dropdx.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /**
   * dropdx's pattern (application.properties): a fixed prefix, the message, a line end, no stack
   * trace. Written by {@link PrefixLayout}: logback's PatternLayout spins about 70 lambdas for its
   * converter table, some 60 ms of a 0.7 s `help` (lambdas stay out of the CDS archive).
   */
  private static final Pattern PREFIX_MESSAGE = Pattern.compile("([^%]*)%(?:m|msg|message)%n%nopex");

  private LeanLogging() {}

  static void configure(ConfigurableEnvironment env) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logback.reset();
    String pattern = env.getProperty("logging.pattern.console", "%m%n");
    Matcher plain = PREFIX_MESSAGE.matcher(pattern);
    LayoutWrappingEncoder<ILoggingEvent> encoder;
    if (plain.matches()) {
      PrefixLayout layout = new PrefixLayout(plain.group(1));
      layout.setContext(logback);
      layout.start();
      encoder = new LayoutWrappingEncoder<>();
      encoder.setLayout(layout);
    } else {
      PatternLayoutEncoder patterned = new PatternLayoutEncoder();
      patterned.setPattern(pattern);
      encoder = patterned;
    }
    encoder.setContext(logback);
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

  /** PREFIX, the message, a line end; never a stack trace (the pattern's %nopex). */
  static final class PrefixLayout extends LayoutBase<ILoggingEvent> {
    private final String prefix;

    PrefixLayout(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
      return prefix + event.getFormattedMessage() + System.lineSeparator();
    }
  }
}
