package dev.dropdx.lab;

/**
 * Where a lab run's time went, in milliseconds: building the scenario (namespaces, links, traffic),
 * the diagnosis (rules, host detection, watch, probes), and tearing it all down.
 *
 * @param setUpMillis building the scenario and starting its traffic
 * @param diagnosisMillis the body run against the scenario (diagnose, collect)
 * @param tearDownMillis stopping the traffic and removing the namespaces
 */
public record LabTimes(long setUpMillis, long diagnosisMillis, long tearDownMillis) {

  /** For the lab's last line, e.g. "set-up 310 ms, diagnosis 2100 ms, tear-down 120 ms". */
  public String describe() {
    return "set-up " + setUpMillis + " ms, diagnosis " + diagnosisMillis + " ms, tear-down " + tearDownMillis + " ms";
  }
}
