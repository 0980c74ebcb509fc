package dev.dropdx.probe.team;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A probe a team declared as data: fills its command's placeholders with the request's values
 * (each checked against its type's pattern), checks the filled command against the allow-list
 * again, runs it in the request's namespace, and reads the output into {@code TeamFact}s. The raw
 * output is the command's (as every iproute2 probe records it), so a bundle replays it.
 */
public final class TeamProbe implements Probe {
  /** dropdx's own (""), a name, or pid:N for an unnamed one (a container's, entered through nsenter). */
  private static final Pattern NETNS = Pattern.compile("|pid:[1-9][0-9]{0,9}|[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final TeamProbeSpec spec;
  private final CommandRunner runner;

  public TeamProbe(TeamProbeSpec spec, CommandRunner runner) {
    this.spec = spec;
    this.runner = runner;
  }

  @Override
  public String id() {
    return spec.id();
  }

  /** The declaration this probe runs. */
  public TeamProbeSpec spec() {
    return spec;
  }

  @Override
  public ProbeInfo info() {
    List<ProbeInfo.Param> params = new ArrayList<>(List.of(ProbeInfo.netns()));
    spec.params().forEach((name, type) -> params.add(ProbeInfo.param(name, type.meaning() + " (team probe type " + type.id() + ")",
        type.example())));
    return new ProbeInfo(spec.answers() + " (team probe, " + spec.file() + ":" + spec.line() + "; output read as " + spec.output() + ")",
        params, List.of("TeamFact"), List.of(String.join(" ", spec.command())));
  }

  @Override
  public Availability availability(HostFacts host) {
    String tool = spec.command().get(0);
    String missing = host.hasTool(tool) ? null : CommandRunner.missing(tool);
    return missing == null ? Availability.yes() : Availability.no(missing);
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    List<String> command = command(request);
    CommandResult result = runner.runIn(request.params().getOrDefault("netns", ""), command, TIMEOUT);
    return interpret(request, RawCommand.encode(result), context);
  }

  /**
   * The filled command, or an {@link IllegalArgumentException} naming the parameter that is
   * unknown, missing or not of its type (the trail shows it as a failed step).
   */
  List<String> command(ProbeRequest request) {
    Map<String, String> values = new TreeMap<>();
    for (var e : request.params().entrySet()) {
      ParamType type = spec.params().get(e.getKey());
      if (e.getKey().equals("netns")) {
        if (!NETNS.matcher(e.getValue() == null ? "" : e.getValue()).matches()) {
          throw new IllegalArgumentException(id() + ": netns \"" + e.getValue() + "\" is not a namespace name");
        }
      } else if (type == null) {
        throw new IllegalArgumentException(id() + ": unknown parameter \"" + e.getKey() + "\" (declared: netns"
            + (spec.params().isEmpty() ? "" : ", " + String.join(", ", spec.params().keySet())) + ")");
      } else if (!type.accepts(e.getValue())) {
        throw new IllegalArgumentException(id() + ": parameter " + e.getKey() + " = \"" + e.getValue() + "\" is not " + type.meaning());
      } else {
        values.put(e.getKey(), e.getValue());
      }
    }
    for (String name : spec.params().keySet()) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException(id() + ": parameter " + name + " is required");
      }
    }
    List<String> command = TeamProbeFile.fill(spec.command(), values);
    AllowList.refuse(command).ifPresent(why -> {
      throw new IllegalArgumentException(id() + ": refused: " + why);
    });
    return command;
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    CommandResult r = RawCommand.decode(raw);
    TeamOutput.Rows rows = r.ok() ? TeamOutput.read(spec.output(), r.stdout())
        : new TeamOutput.Rows(List.of(), String.join(" ", r.command()) + " failed: " + r.firstError(), false);
    List<String> notes = new ArrayList<>();
    if (!rows.error().isEmpty()) {
      notes.add(id() + ": " + rows.error());
    }
    if (rows.truncated()) {
      notes.add(id() + ": output cut at " + TeamOutput.MAX_ROWS + " rows of " + TeamOutput.MAX_FIELDS + " fields");
    }
    String summary = rows.error().isEmpty() ? rows.rows().size() + " rows" + first(rows) : rows.error();
    return new ProbeOutcome("team probe", summary, TeamOutput.facts(id(), request.params(), rows, r.exitCode()), notes, raw);
  }

  private static String first(TeamOutput.Rows rows) {
    if (rows.rows().isEmpty()) {
      return "";
    }
    String all = rows.rows().toString();
    return ": " + (all.length() > 400 ? all.substring(0, 400) + " ..." : all);
  }
}
