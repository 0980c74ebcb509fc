package dev.dropdx.lab;

import dev.dropdx.diagnosis.DiagnosisReport;

/**
 * A scenario's diagnosis and whether dropdx found what the lab built.
 *
 * @param scenario the scenario's name
 * @param expectedCause what the lab built (null: nothing)
 * @param report what dropdx found
 * @param millis whole run, setup and teardown included
 * @param times where that time went
 */
public record LabRun(String scenario, String expectedCause, DiagnosisReport report, long millis, LabTimes times) {

  /** True when the kernel did not produce the fault here (see {@link LabScenario#limitation()}) and dropdx saw no drops. */
  public boolean notReproduced(LabScenario scenario) {
    return scenario.limitation() != null && report.verdict().exitCode() == 4;
  }

  /** True when dropdx found exactly the built cause (or no drops for a healthy scenario). */
  public boolean asExpected() {
    if (expectedCause == null) {
      return report.diagnoses().isEmpty() && report.verdict().exitCode() == 4;
    }
    return !report.diagnoses().isEmpty() && report.diagnoses().get(0).cause().equals(expectedCause);
  }
}
