package dev.dropdx.probe.stap;

import dev.dropdx.fact.Target;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Running a stap script and reading back what it recorded, shared by the stap probes. */
final class StapProbeSupport {
  /** Compiling the probe module takes a while before the window starts. */
  private static final int COMPILE_SECONDS = 180;

  private StapProbeSupport() {}

  static String run(CommandRunner runner, StapScripts scripts, String script, List<String> args, ProbeContext context) {
    context.progress().accept("stap " + script + ": compiling and watching for " + context.windowSeconds() + " s");
    CommandResult r = runner.run(scripts.command(script, args), Duration.ofSeconds(context.windowSeconds() + COMPILE_SECONDS));
    return RawCommand.encode(r);
  }

  /** The recorded result's stdout; a failed run becomes notes (stap's first error) and no records. */
  static CommandResult decode(String raw, List<String> notes) {
    CommandResult r = RawCommand.decode(raw);
    if (!r.ok()) {
      notes.add("stap failed: " + r.firstError());
    }
    return r;
  }

  /** Said of an IPv6 target by every stap probe whose script reads packet headers. */
  static final String IPV4_ONLY = "the SystemTap scripts read IPv4 headers only (they skip every packet that is not IPv4), so they "
      + "cannot see this IPv6 target's packets: finding nothing here says nothing about them";

  /**
   * The notes a stap probe's answer starts with: for an IPv6 target, that the scripts are blind to
   * its packets (said, not left to look like "no drops").
   */
  static List<String> notes(Target target) {
    List<String> notes = new ArrayList<>();
    if (target != null && target.ipv6()) {
      notes.add(IPV4_ONLY);
    }
    return notes;
  }
}
