package dev.dropdx.cli;

import dev.dropdx.collect.CollectPlanException;
import dev.dropdx.db.DatabaseException;
import dev.dropdx.diagnosis.CannotDiagnoseException;
import dev.dropdx.evidence.BundleException;
import dev.dropdx.knowledge.KnowledgeBaseException;
import dev.dropdx.lab.LabException;
import dev.dropdx.rules.RuleBookException;
import dev.dropdx.trust.UntrustedPathException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one place where failures become a message and an exit code (jbang/picocli style): a short
 * message that says what to do, and the stack trace only with --debug.
 */
@Component
public class CommandGuard {
  private final CommandOutcome outcome;
  private final boolean debug;

  public CommandGuard(CommandOutcome outcome, @Value("${dropdx.debug:false}") boolean debug) {
    this.outcome = outcome;
    this.debug = debug;
  }

  /** Runs a command body that returns its exit code; records the code either way. */
  public void run(PrintWriter out, Callable<Integer> body) {
    int code;
    try {
      code = body.call();
    } catch (UsageException | RuleBookException | KnowledgeBaseException | BundleException | CollectPlanException | UntrustedPathException e) {
      code = fail(e, ExitCodes.USAGE);
    } catch (CannotDiagnoseException | LabException | DatabaseException e) {
      code = fail(e, ExitCodes.CANNOT_RUN);
    } catch (Exception e) {
      code = fail(e, ExitCodes.CANNOT_RUN);
    } finally {
      out.flush();
    }
    outcome.set(code);
  }

  private int fail(Exception e, int code) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    boolean internal = code == ExitCodes.CANNOT_RUN && !(e instanceof CannotDiagnoseException) && !(e instanceof LabException) && !(e instanceof DatabaseException);
    System.err.println("dropdx: " + (internal ? "internal error: " : "") + message
        + (internal && !debug ? " (run with --debug for the stack trace)" : ""));
    if (debug) {
      e.printStackTrace();
    }
    System.err.flush();
    return code;
  }
}
