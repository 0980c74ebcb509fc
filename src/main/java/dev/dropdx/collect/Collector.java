package dev.dropdx.collect;

import dev.dropdx.diagnosis.CannotDiagnoseException;
import dev.dropdx.evidence.EvidenceRecorder;
import dev.dropdx.evidence.LiveEvidence;
import dev.dropdx.evidence.RecordedProbe;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.knowledge.ReasonCatalogProvider;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.host.HostFactsDetector;
import dev.dropdx.trust.PathTrust;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs a {@link CollectPlan} on this host, without the rules: each line becomes probe requests
 * (one per matching fact when it names one), each runs where the host can, and its raw output is
 * kept for a bundle that `diagnose --replay` or `batch` diagnoses elsewhere.
 *
 * <p>For a target in every namespace (collect --all-netns) the drop watch is the host-wide one
 * `diagnose --all-netns` asks for (so the bundle replays to the same namespace table), the lines
 * about the target's own namespace are left out (every namespace is not one), and the lines about
 * the drops' namespaces ({@code {Drop.netns}}) run once per namespace with drops of the target:
 * one bundle holds every namespace's evidence, each recording under its own namespace.
 */
@Component
public class Collector {
  /** The plan built into dropdx. */
  public static final String DEFAULT_PLAN = "collect/first-round.plan";
  private static final String DROP_WATCH = "drop-watch";

  private final ProbeCatalog probes;
  private final HostFactsDetector detector;
  private final PathTrust trust;
  private final ReasonCatalogProvider reasons;

  public Collector(ProbeCatalog probes, HostFactsDetector detector) {
    this(probes, detector, new PathTrust());
  }

  public Collector(ProbeCatalog probes, HostFactsDetector detector, PathTrust trust) {
    this(probes, detector, trust, null);
  }

  /** @param reasons the reason pages, whose normal frees an all-netns collect does not gather evidence for (null: none) */
  @Autowired
  public Collector(ProbeCatalog probes, HostFactsDetector detector, PathTrust trust, ReasonCatalogProvider reasons) {
    this.probes = probes;
    this.detector = detector;
    this.trust = trust;
    this.reasons = reasons;
  }

  /** The built-in plan, or a plan file. */
  public CollectPlan plan(Path file) {
    try {
      if (file == null) {
        try (InputStream in = Collector.class.getClassLoader().getResourceAsStream(DEFAULT_PLAN)) {
          return checked(CollectPlan.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_PLAN));
        }
      }
      if (!Files.isRegularFile(file)) {
        throw new CollectPlanException(file + ": no such plan file");
      }
      // A plan chooses the commands collect runs as root: only from a path no stranger can change.
      trust.requireTrusted(file, "collect plan");
      return checked(CollectPlan.parse(Files.readString(file), file.toString()));
    } catch (IOException e) {
      throw new CollectPlanException((file == null ? DEFAULT_PLAN : file) + ": cannot read: " + e.getMessage());
    }
  }

  /** Gathers the plan's evidence about the target on this host. */
  public CollectedEvidence collect(Target target, CollectPlan plan, int windowSeconds, Consumer<String> progress) {
    long start = System.nanoTime();
    HostFacts host = detector.detect();
    requireOne(plan, host);
    EvidenceRecorder recorder = new EvidenceRecorder(new LiveEvidence(probes, host),
        new ProbeContext(target, host, windowSeconds, progress), EvidenceRecorder.Style.COLLECT, System::nanoTime, start);
    AllNetnsDrops everyNamespace = target.allNetns() ? new AllNetnsDrops(reasons == null ? null : reasons.get()) : null;
    List<Object> facts = new ArrayList<>();
    List<Object> watched = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (PlanStep step : plan.steps()) {
      for (ProbeRequest planned : requests(step, target, host, facts)) {
        ProbeRequest request = everyNamespace == null ? planned : hostWide(planned);
        if (done.add(request.key()) && recorder.available(request)) {
          recorder.run(request).ifPresent(o -> {
            if (everyNamespace != null && request.probe().equals(DROP_WATCH)) {
              requirePerPacket(o.facts(), o.notes());
              watched.addAll(o.facts());
              facts.addAll(everyNamespace.kept(o.facts()));
            } else {
              facts.addAll(o.facts());
            }
          });
        }
      }
    }
    List<RecordedProbe> recorded = recorder.recorded();
    List<TrailStep> trail = recorder.trail();
    if (!plan.required().isEmpty() && recorded.stream().noneMatch(r -> plan.required().contains(r.probe()))) {
      throw new CannotDiagnoseException("collect gathered no drop evidence (" + String.join(", ", plan.required()) + "): "
          + trail.stream().filter(s -> plan.required().contains(s.probe())).map(TrailStep::result).distinct()
              .reduce((x, y) -> x + "; " + y).orElse("the plan's conditions left them all out"));
    }
    List<CollectedNamespace> namespaces = List.of();
    if (everyNamespace != null) {
      Map<String, Integer> perNetns = new HashMap<>();
      recorded.stream().filter(r -> r.params().containsKey("netns")).forEach(r -> perNetns.merge(r.params().get("netns"), 1, Integer::sum));
      namespaces = everyNamespace.namespaces(watched, perNetns);
    }
    return new CollectedEvidence(target, host, recorded, trail, namespaces);
  }

  /**
   * A request of an all-netns collect: the drop watch becomes the host-wide one `diagnose
   * --all-netns` asks for (netns=*), so that a replay of the bundle finds it; the others stay.
   */
  private static ProbeRequest hostWide(ProbeRequest request) {
    if (!request.probe().equals(DROP_WATCH)) {
      return request;
    }
    Map<String, String> params = new java.util.TreeMap<>(request.params());
    params.put("netns", Target.ALL_NETNS);
    return new ProbeRequest(request.probe(), params, request.priority(), request.askedBy(), request.why());
  }

  /** Only a per-packet watch tells namespaces apart: without it an all-netns collect cannot say whose drops it saw. */
  private static void requirePerPacket(List<Object> facts, List<String> notes) {
    DropWatchSummary summary = facts.stream().filter(DropWatchSummary.class::isInstance).map(DropWatchSummary.class::cast).findFirst()
        .orElseThrow(() -> new CannotDiagnoseException("the drop watch gave no summary"));
    if (!summary.perPacket()) {
      throw new CannotDiagnoseException("--all-netns needs the per-packet watch (tracefs+bpftrace) to tell namespaces apart, and it "
          + "could not run here (" + summary.backend() + ": " + String.join("; ", notes) + "); name one namespace with --netns");
    }
  }

  /** The requests one plan line makes now: one, none (a value is missing or a condition fails), or one per fact. */
  static List<ProbeRequest> requests(PlanStep step, Target target, HostFacts host, List<Object> facts) {
    if (target.allNetns() && mentionsTargetNetns(step)) {
      return List.of(); // every namespace is not one: the {Drop.netns} lines ask in each namespace with drops
    }
    List<String> factTypes = step.sources().stream().filter(s -> !s.equals("target") && !s.equals("host")).toList();
    List<Object> subjects = factTypes.isEmpty() ? java.util.Arrays.asList((Object) null)
        : facts.stream().filter(f -> f.getClass().getSimpleName().equals(factTypes.get(0))).toList();
    Set<ProbeRequest> out = new LinkedHashSet<>();
    for (Object subject : subjects) {
      Map<String, Object> sources = new HashMap<>();
      sources.put("target", target);
      sources.put("host", host);
      if (subject != null) {
        sources.put(factTypes.get(0), subject);
      }
      boolean holds = step.conditions().stream()
          .allMatch(c -> String.valueOf(value(step, sources, c.source(), c.field())).equals(c.value()) == c.equal());
      Map<String, String> params = holds ? fill(step, sources) : null;
      if (params != null) {
        out.add(new ProbeRequest(step.probe(), params, 0, "collect plan line " + step.line(), step.why()));
      }
    }
    return List.copyOf(out);
  }

  private static boolean mentionsTargetNetns(PlanStep step) {
    return step.params().values().stream().anyMatch(v -> v.contains("{target.netns}"))
        || step.conditions().stream().anyMatch(c -> c.source().equals("target") && c.field().equals("netns"));
  }

  /** The parameters with their placeholders filled in; null when one has no value. */
  private static Map<String, String> fill(PlanStep step, Map<String, Object> sources) {
    Map<String, String> params = new HashMap<>();
    for (Map.Entry<String, String> e : step.params().entrySet()) {
      Matcher m = PlanStep.PLACEHOLDER.matcher(e.getValue());
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        Object v = value(step, sources, m.group(1), m.group(2));
        if (v == null) {
          return null;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(v.toString()));
      }
      m.appendTail(sb);
      params.put(e.getKey(), sb.toString());
    }
    return params;
  }

  /** A field of a source record by its accessor name (enums by name); null when absent. */
  private static Object value(PlanStep step, Map<String, Object> sources, String source, String field) {
    Object o = sources.get(source);
    if (o == null) {
      return null;
    }
    try {
      Object v = o.getClass().getMethod(field).invoke(o);
      return v instanceof Enum<?> en ? en.name() : v;
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new CollectPlanException("collect plan line " + step.line() + ": " + source + " has no field '" + field + "'");
    } catch (InvocationTargetException e) {
      return null;
    }
  }

  private CollectPlan checked(CollectPlan plan) {
    Set<String> unknown = new java.util.TreeSet<>();
    plan.steps().forEach(s -> unknown.add(s.probe()));
    plan.required().forEach(unknown::add);
    unknown.removeAll(probes.ids());
    if (!unknown.isEmpty()) {
      throw new CollectPlanException(plan.name() + ": no probe named " + unknown + " (known: " + probes.ids() + ")");
    }
    for (PlanStep s : plan.steps()) {
      if (s.sources().stream().filter(x -> !x.equals("target") && !x.equals("host")).count() > 1) {
        throw new CollectPlanException(plan.name() + ":" + s.line() + ": a line may name one fact type besides target and host");
      }
    }
    return plan;
  }

  private void requireOne(CollectPlan plan, HostFacts host) {
    if (plan.required().isEmpty()) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    for (String id : plan.required()) {
      Availability a = probes.find(id).orElseThrow().availability(host);
      if (a.available()) {
        return;
      }
      reasons.add(id + ": " + a.reason());
    }
    throw new CannotDiagnoseException("collect cannot watch for drops on this host: " + String.join("; ", reasons));
  }
}
