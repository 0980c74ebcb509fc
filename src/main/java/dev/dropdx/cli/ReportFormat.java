package dev.dropdx.cli;

import java.util.Locale;

/** Output formats of `diagnose`. */
public enum ReportFormat {
  TEXT,
  JSON,
  MARKDOWN;

  /** Parses --format; a bad value is a usage error. */
  public static ReportFormat parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format " + OptionValues.quote(value) + " is not a format: use text, json or markdown");
    }
  }
}
