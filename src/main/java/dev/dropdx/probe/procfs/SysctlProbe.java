package dev.dropdx.probe.procfs;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SysctlValue;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads sysctls inside a network namespace. Parameters: {@code netns}, {@code keys}
 * (space-separated), and {@code prefixes} (space-separated, e.g. "net.ipv4.conf": every sysctl
 * below it, as `collect` records them). A key the kernel does not have yields no fact and a note.
 */
@Component
public class SysctlProbe implements Probe {
  private static final String PROC_SYS = "/proc/sys/";
  /** Beyond this many values the trail says how many, not each one. */
  private static final int LISTED = 8;

  private final CommandRunner runner;

  public SysctlProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "sysctl";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("sysctl values inside a namespace",
        List.of(ProbeInfo.netns(), ProbeInfo.param("keys", "space-separated sysctl keys", "net.ipv4.conf.all.rp_filter net.ipv4.conf.veth0.rp_filter"), ProbeInfo.param("prefixes", "space-separated prefixes: every sysctl below them", "net.ipv4.conf")),
        List.of("SysctlValue"),
        List.of("/proc/sys"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    StringBuilder raw = new StringBuilder();
    for (String prefix : words(request, "prefixes")) {
      // One grep per subtree instead of one cat per file: a conf dump is hundreds of files.
      CommandResult r = runner.runIn(netns, List.of("grep", "-r", "-s", "-H", "", SysctlPaths.toPath(prefix)), Duration.ofSeconds(10));
      if (r.stdout().isBlank()) {
        raw.append(prefix).append(" ! ").append(r.firstError()).append('\n');
      }
      r.stdout().lines().map(SysctlProbe::dumpLine).flatMap(Optional::stream).forEach(l -> raw.append(l).append('\n'));
    }
    for (String key : words(request, "keys")) {
      CommandResult r = runner.runIn(netns, List.of("cat", SysctlPaths.toPath(key)), Duration.ofSeconds(5));
      raw.append(key).append(r.ok() ? " = " + r.stdout().strip() : " ! " + r.firstError()).append('\n');
    }
    return interpret(request, raw.toString(), context);
  }

  /** Raw lines are "KEY = VALUE" or "KEY ! ERROR". */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    List<Object> facts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String line : raw.split("\n")) {
      int eq = line.indexOf(" = ");
      int bang = line.indexOf(" ! ");
      if (eq > 0 && (bang < 0 || eq < bang)) {
        facts.add(new SysctlValue(netns, line.substring(0, eq), line.substring(eq + 3).strip()));
      } else if (bang > 0) {
        notes.add("sysctl " + line.substring(0, bang) + " could not be read: " + line.substring(bang + 3));
      }
    }
    String summary = facts.size() > LISTED ? facts.size() + " sysctls read"
        : facts.stream().map(f -> ((SysctlValue) f).describe()).reduce((a, b) -> a + "; " + b).orElse("nothing read");
    return new ProbeOutcome("procfs", summary, facts, notes, raw);
  }

  /**
   * A recording of the same namespace answers when it holds every wanted key: read as a key, or
   * lying below a recorded prefix (a key missing from a prefix dump does not exist there).
   */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    if (!Probe.same(recordedParams, wanted, "netns") || !wanted.params().getOrDefault("prefixes", "").isBlank()) {
      return Probe.super.answerFrom(recordedParams, recordedRaw, wanted);
    }
    Map<String, String> lines = new LinkedHashMap<>();
    recordedRaw.lines().forEach(l -> keyOf(l).ifPresent(k -> lines.putIfAbsent(k, l)));
    List<String> keys = List.of(recordedParams.getOrDefault("keys", "").split("\\s+"));
    List<String> prefixes = List.of(recordedParams.getOrDefault("prefixes", "").split("\\s+"));
    StringBuilder answer = new StringBuilder();
    for (String key : words(wanted, "keys")) {
      Optional<String> under = prefixes.stream().filter(p -> !p.isBlank() && key.startsWith(p + ".")).findFirst();
      if (lines.containsKey(key) && (keys.contains(key) || under.isPresent())) {
        answer.append(lines.get(key)).append('\n');
      } else if (under.isPresent()) {
        answer.append(key).append(" ! not present when ").append(under.get()).append(" was recorded\n");
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(answer.toString());
  }

  private static Optional<String> keyOf(String rawLine) {
    int eq = rawLine.indexOf(" = ");
    int bang = rawLine.indexOf(" ! ");
    int at = eq > 0 && (bang < 0 || eq < bang) ? eq : bang;
    return at > 0 ? Optional.of(rawLine.substring(0, at)) : Optional.empty();
  }

  /** grep's "/proc/sys/net/ipv4/conf/eth0/rp_filter:1" as "net.ipv4.conf.eth0.rp_filter = 1". */
  static Optional<String> dumpLine(String grepLine) {
    int colon = grepLine.indexOf(':');
    if (!grepLine.startsWith(PROC_SYS) || colon < 0) {
      return Optional.empty();
    }
    return Optional.of(grepLine.substring(PROC_SYS.length(), colon).replace('/', '.') + " = " + grepLine.substring(colon + 1).strip());
  }

  private static List<String> words(ProbeRequest request, String param) {
    return List.of(request.params().getOrDefault(param, "").split("\\s+")).stream().filter(w -> !w.isBlank()).toList();
  }
}
