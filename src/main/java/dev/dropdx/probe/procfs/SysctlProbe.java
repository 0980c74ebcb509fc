package dev.dropdx.probe.procfs;

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
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads sysctls inside a network namespace. Parameters: {@code netns}, {@code keys}
 * (space-separated). A key the kernel does not have yields no fact and a note.
 */
@Component
public class SysctlProbe implements Probe {
  private final CommandRunner runner;

  public SysctlProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "sysctl";
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    StringBuilder raw = new StringBuilder();
    for (String key : request.params().getOrDefault("keys", "").split("\\s+")) {
      if (key.isBlank()) {
        continue;
      }
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
    String summary = facts.stream().map(f -> ((SysctlValue) f).describe()).reduce((a, b) -> a + "; " + b).orElse("nothing read");
    return new ProbeOutcome("procfs", summary, facts, notes, raw);
  }
}
