package dev.dropdx.probe;

import java.util.List;

/**
 * What a probe answers, for `rules probes` and team rule writers: kept on the probe itself so the
 * reference cannot drift from the code.
 *
 * @param answers in plain words, the question the probe answers
 * @param params the parameters a {@code ProbeRequest.of} may pass, in order
 * @param facts the fact types it inserts (simple class names)
 * @param backends the tools or files it reads, in the order it tries them
 */
public record ProbeInfo(String answers, List<Param> params, List<String> facts, List<String> backends) {

  public ProbeInfo {
    params = List.copyOf(params);
    facts = List.copyOf(facts);
    backends = List.copyOf(backends);
  }

  /**
   * One probe parameter.
   *
   * @param name the name a rule passes
   * @param meaning what it selects, with its default when optional
   * @param example a value a rule might pass
   */
  public record Param(String name, String meaning, String example) {}

  /** A parameter, for the probes' {@link Probe#info()}. */
  public static Param param(String name, String meaning, String example) {
    return new Param(name, meaning, example);
  }

  /** The {@code netns} parameter most probes share. */
  public static Param netns() {
    return param("netns", "namespace to read in (\"\" = dropdx's own)", "dropdx-lab-r");
  }
}
