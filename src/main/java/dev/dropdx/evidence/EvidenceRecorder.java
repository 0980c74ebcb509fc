package dev.dropdx.evidence;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records evidence the one way both the diagnosis loop and `collect` need it: asks the source
 * whether a request can be answered, reports progress, runs it, keeps a failed probe as missing
 * evidence (not the end of the run), and writes each step to the trail and each raw output to the
 * recording. One recorder serves one run, and never runs the same request twice in it
 * ({@link ProbeMemo}): a request an earlier step answers is a trail step "answered by step N".
 */
public final class EvidenceRecorder {
  /** Prefixes the backend of a trail step answered from an earlier step, e.g. "memo of procfs". */
  public static final String MEMO = "memo of ";
  private final EvidenceSource source;
  private final ProbeContext context;
  private final Style style;
  /** The monotonic clock (System::nanoTime; tests pass a fake). */
  private final LongSupplier nanoTime;
  private final long start;
  private final List<TrailStep> trail = new ArrayList<>();
  private final List<RecordedProbe> recorded = new ArrayList<>();
  private final ProbeMemo memo = new ProbeMemo();

  /** How a run names itself in the trail and in progress lines (kept as each command always showed them). */
  public enum Style {
    /** The diagnosis loop: "step N: probe - why", "not run: ...". */
    DIAGNOSE("dropdx", "not run: "),
    /** `collect`: "collect N: probe {params}", "not collected: ...". */
    COLLECT("dropdx collect", "not collected: ");

    private final String askedBy;
    private final String notRun;

    Style(String askedBy, String notRun) {
      this.askedBy = askedBy;
      this.notRun = notRun;
    }

    private String progress(int step, ProbeRequest r) {
      return this == DIAGNOSE ? "step " + step + ": " + r.probe() + " - " + r.why() : "collect " + step + ": " + r.probe() + " " + r.params();
    }
  }

  /**
   * Starts the trail with the host detection step.
   *
   * @param nanoTime the monotonic clock the trail's times are read from
   * @param startNanos that clock when the run started
   */
  public EvidenceRecorder(EvidenceSource source, ProbeContext context, Style style, LongSupplier nanoTime, long startNanos) {
    this.nanoTime = nanoTime;
    this.source = source;
    this.context = context;
    this.style = style;
    this.start = startNanos;
    HostFacts host = context.host();
    trail.add(new TrailStep(0, "host", null, "procfs", style.askedBy, "which backends this host offers", 0, millisSince(start),
        hostSummary(host), host.notes()));
  }

  /** Whether the source can answer the request; when not, the trail says why. */
  public boolean available(ProbeRequest request) {
    Availability a = source.availability(request);
    if (!a.available()) {
      add(request, "-", millisSince(start), 0, style.notRun + a.reason(), List.of());
    }
    return a.available();
  }

  /**
   * Runs an available request and records it; a probe that fails is a trail step "failed: ..." and
   * empty, since one failing probe is evidence missing, not the end of the run.
   */
  public Optional<ProbeOutcome> run(ProbeRequest request) {
    long at = millisSince(start);
    long t0 = nanoTime.getAsLong();
    context.progress().accept(style.progress(trail.size(), request));
    Optional<ProbeMemo.Hit> hit;
    try {
      hit = memo.find(request, source, context);
    } catch (RuntimeException e) {
      hit = Optional.empty(); // an earlier recording that cannot be read again: run the probe
    }
    if (hit.isPresent()) {
      ProbeOutcome o = hit.get().outcome();
      add(request, MEMO + hit.get().backend(), at, millisSince(t0), "answered by step " + hit.get().step() + ", not run again: "
          + o.summary(), o.notes());
      // Recorded as asked, so a bundle answers this request exactly.
      recorded.add(new RecordedProbe(request.probe(), request.params(), hit.get().backend(), o.raw()));
      return Optional.of(o);
    }
    ProbeOutcome outcome;
    try {
      outcome = source.gather(request, context);
    } catch (dev.dropdx.trust.UntrustedPathException e) {
      throw e; // a refusal to run a stranger's code (a stap script) ends the run with exit 2, it is no missing evidence
    } catch (RuntimeException e) {
      add(request, "-", at, millisSince(t0), "failed: " + e.getMessage(), List.of());
      return Optional.empty();
    }
    add(request, outcome.backend(), at, millisSince(t0), outcome.summary(), outcome.notes());
    RecordedProbe r = new RecordedProbe(request.probe(), request.params(), outcome.backend(), outcome.raw());
    recorded.add(r);
    memo.remember(trail.size() - 1, r, outcome);
    return Optional.of(outcome);
  }

  /** Records that a budget stopped the run, naming the rule that wanted more. */
  public void stopped(String rule, String why) {
    trail.add(new TrailStep(trail.size(), "stop", null, "-", rule, "a budget bounds every diagnosis", millisSince(start), 0,
        "stopped: " + why, List.of()));
  }

  /** The trail so far. */
  public List<TrailStep> trail() {
    return List.copyOf(trail);
  }

  /** Every probe that ran, with its raw output. */
  public List<RecordedProbe> recorded() {
    return List.copyOf(recorded);
  }

  private void add(ProbeRequest r, String backend, long at, long millis, String result, List<String> notes) {
    trail.add(new TrailStep(trail.size(), r.probe(), r.params(), backend, r.askedBy(), r.why(), at, millis, result, notes));
  }

  private static String hostSummary(HostFacts host) {
    return "kernel " + host.kernel() + ", " + (host.root() ? "root" : "not root") + ", tracefs "
        + (host.tracefs() == null ? "absent" : host.tracefs()) + ", drop reasons "
        + (host.hasDropReasons() ? "yes (" + host.dropReasons().size() + ")" : "no") + ", tools " + host.tools();
  }

  private long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - nanos);
  }
}
