package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fault (or its absence) built for real in namespaces, with the traffic that meets it: one file
 * {@code knowledge-base/lab/NAME.json} (format: docs/lab.md), built by {@link LabSetUp}.
 *
 * @param name name for `lab run NAME` (the file's name)
 * @param description one line: what is broken and how
 * @param note how the fault works and what was measured (free text for the reader; not used)
 * @param expected the verdict and cause dropdx must reach
 * @param limitation why this host's kernel may not produce the fault (null when it does): a run
 *     that sees no drops is then reported as not reproducible here, not as a wrong diagnosis
 * @param requires what the host needs beyond the tools (null: nothing)
 * @param ipv6 true to keep IPv6 on in the scenario's namespaces (null or false: IPv6 off, so that
 *     their IPv6 chatter is no noise on the global tracepoint)
 * @param namespaces key used by the steps -> namespace name (dropdx-lab-*), created in this order
 * @param steps what to build and start, in order
 * @param target what to diagnose
 * @param expect the evidence the lab test checks besides verdict and cause (null: none)
 * @param file the file it was read from
 */
public record LabScenario(
    String name,
    String description,
    String note,
    Expected expected,
    String limitation,
    Requires requires,
    Boolean ipv6,
    Map<String, String> namespaces,
    List<LabStep> steps,
    TargetSpec target,
    LabExpectations expect,
    Path file) {

  public LabScenario {
    namespaces = namespaces == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(namespaces));
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** True when the scenario's namespaces keep IPv6 on. */
  public boolean ipv6On() {
    return Boolean.TRUE.equals(ipv6);
  }

  /** The cause id dropdx must find, or null when the scenario has no fault. */
  public String expectedCause() {
    return expected == null ? null : expected.cause();
  }

  /** The tools the steps run (argv[0] of each command), `ip` and `sysctl` always. */
  public java.util.SortedSet<String> tools() {
    java.util.SortedSet<String> tools = new java.util.TreeSet<>(List.of("ip", "sysctl"));
    steps.forEach(s -> tools.addAll(s.tools()));
    return tools;
  }

  /**
   * The verdict and cause the scenario builds.
   *
   * @param verdict diagnosed, no-drops or inconclusive
   * @param cause the cause id (null for no-drops)
   */
  public record Expected(String verdict, String cause) {}

  /**
   * What a host needs to build the scenario, beyond its tools.
   *
   * @param cpus the fewest CPUs (0: any)
   * @param why why, for the message when the host has fewer
   */
  public record Requires(int cpus, String why) {}

  /**
   * What to diagnose; {@code netns} is a key of the scenario's namespaces.
   *
   * @param src source address or null
   * @param dst destination address or null
   * @param proto IP protocol number or null
   * @param dport destination port or null
   * @param iface interface or null
   * @param netns key of the namespace to diagnose in
   */
  public record TargetSpec(String src, String dst, Integer proto, Integer dport, String iface, String netns) {

    /** The target, with the namespace key replaced by the namespace's name. */
    public Target resolve(Map<String, String> namespaces) {
      return new Target(src, dst, proto, dport, iface, namespaces.get(netns));
    }
  }
}
