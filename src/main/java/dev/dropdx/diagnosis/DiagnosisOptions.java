package dev.dropdx.diagnosis;

/**
 * Limits of one diagnosis.
 *
 * @param windowSeconds how long a drop watch watches
 * @param maxProbes most probes to run
 * @param maxSeconds most wall-clock seconds for the whole loop
 */
public record DiagnosisOptions(int windowSeconds, int maxProbes, int maxSeconds) {

  public static final int DEFAULT_WINDOW = 5;
  public static final int DEFAULT_MAX_PROBES = 12;
  public static final int DEFAULT_MAX_SECONDS = 120;
}
