package dev.dropdx.rules;

import dev.dropdx.probe.team.TeamProbeSpec;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/** A compiled, checked set of rules, ready to open diagnosis sessions on. */
public final class RuleBook {
  private final KieBase kieBase;
  private final List<RuleInfo> rules;
  private final List<String> directories;
  private final boolean cached;
  private final List<TeamProbeSpec> teamProbes;

  RuleBook(KieBase kieBase, List<RuleInfo> rules, List<String> directories, boolean cached, List<TeamProbeSpec> teamProbes) {
    this.teamProbes = List.copyOf(teamProbes);
    this.kieBase = kieBase;
    this.rules = List.copyOf(rules);
    this.directories = List.copyOf(directories);
    this.cached = cached;
  }

  /** A fresh session; the caller disposes it. */
  public KieSession newSession() {
    return kieBase.newKieSession();
  }

  public List<RuleInfo> rules() {
    return rules;
  }

  public List<String> directories() {
    return directories;
  }

  /** The probes the book's team directories declare as data ({@code probes.json}), checked. */
  public List<TeamProbeSpec> teamProbes() {
    return teamProbes;
  }

  /** True when this book was read back from the compiled-rules cache rather than compiled. */
  public boolean cached() {
    return cached;
  }
}
