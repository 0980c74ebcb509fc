package dev.dropdx.cli;

import dev.dropdx.diagnosis.DiagnosisReport;
import java.io.PrintWriter;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints a report in the chosen format, and shows live progress on an interactive terminal. */
@Component
public class ReportPrinter {
  private final JsonMapper json;

  public ReportPrinter(JsonMapper json) {
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  public void print(DiagnosisReport report, ReportFormat format, PrintWriter out) {
    out.println(switch (format) {
      case TEXT -> TextReport.render(report);
      case JSON -> json.writeValueAsString(ReportView.of(report));
      case MARKDOWN -> MarkdownReport.render(report);
    });
    out.flush();
  }

  /** A progress line on stderr, rewritten in place, only when a person is watching a terminal. */
  public Consumer<String> progress() {
    if (System.console() == null) {
      return line -> { };
    }
    return line -> {
      String shown = line.length() > 110 ? line.substring(0, 107) + "..." : line;
      System.err.print("\r\033[K" + shown);
      System.err.flush();
    };
  }

  /** Clears the progress line. */
  public void endProgress() {
    if (System.console() != null) {
      System.err.print("\r\033[K");
      System.err.flush();
    }
  }
}
