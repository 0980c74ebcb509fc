package dev.dropdx.lab;

import dev.dropdx.fact.Target;

/** A fault (or its absence) built for real in namespaces, with the traffic that meets it. */
public interface LabScenario {

  /** Name for `lab run NAME`. */
  String name();

  /** One line: what is broken and how. */
  String description();

  /** The cause id dropdx must find, or null when the scenario has no fault. */
  String expectedCause();

  /**
   * Why this host's kernel may not produce the fault (null when it does): a run that sees no drops
   * is then reported as not reproducible here, not as a wrong diagnosis.
   */
  default String limitation() {
    return null;
  }

  /** Builds the namespaces and the fault, starts the traffic, and says what to diagnose. */
  Target setUp(LabNetwork net);
}
