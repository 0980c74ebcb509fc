package dev.dropdx.lab;

import java.util.List;

/**
 * The evidence a scenario's lab test checks besides the expected verdict and cause (the scenario
 * file's optional {@code expect} block). Every list may be absent.
 *
 * @param verdicts the verdicts accepted (absent: only the expected one), e.g. an attempt that a
 *     slow host cannot reproduce
 * @param causes the exact list of causes diagnosed, in order
 * @param diagnoses checks on the first, second, ... diagnosis (when the verdict is diagnosed)
 * @param drop a drop that matched the target and has all these fields
 * @param trail the probes the trail ran
 */
public record LabExpectations(
    List<String> verdicts, List<String> causes, List<DiagnosisCheck> diagnoses, DropCheck drop, TrailCheck trail) {

  public LabExpectations {
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
  }

  /**
   * Checks on one diagnosis.
   *
   * @param cause its cause id
   * @param explanation texts the explanation contains
   * @param explanationWithout texts it must not contain
   * @param fix for each entry, some fix line containing all of its texts
   * @param verify for each entry, some verify line containing all of its texts
   */
  public record DiagnosisCheck(String cause, List<String> explanation, List<String> explanationWithout, List<List<String>> fix,
      List<List<String>> verify) {

    public DiagnosisCheck {
      explanation = explanation == null ? List.of() : List.copyOf(explanation);
      explanationWithout = explanationWithout == null ? List.of() : List.copyOf(explanationWithout);
      fix = fix == null ? List.of() : List.copyOf(fix);
      verify = verify == null ? List.of() : List.copyOf(verify);
    }
  }

  /**
   * A drop that matched the target (absent fields are not checked).
   *
   * @param reason drop reason
   * @param function dropping function
   * @param iface device
   * @param dst destination address
   */
  public record DropCheck(String reason, String function, String iface, String dst) {}

  /**
   * The trail's probes.
   *
   * @param startsWith the first probes, in order
   * @param contains probes that ran
   * @param exactly all probes, in order
   * @param without probes that must not run
   * @param results a step of this probe whose result contains this text
   */
  public record TrailCheck(List<String> startsWith, List<String> contains, List<String> exactly, List<String> without,
      List<ResultCheck> results) {

    public TrailCheck {
      startsWith = startsWith == null ? List.of() : List.copyOf(startsWith);
      contains = contains == null ? List.of() : List.copyOf(contains);
      without = without == null ? List.of() : List.copyOf(without);
      results = results == null ? List.of() : List.copyOf(results);
    }
  }

  /**
   * A trail step's result.
   *
   * @param probe the probe
   * @param contains text its result contains
   */
  public record ResultCheck(String probe, String contains) {}
}
