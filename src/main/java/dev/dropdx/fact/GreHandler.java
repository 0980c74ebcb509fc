package dev.dropdx.fact;

import java.util.List;

/**
 * Whether the running kernel can take GRE (IP protocol 47), from read-only evidence: the kernel's
 * symbols, loaded modules, build configuration, installed module files and the namespace's
 * IpInUnknownProtos counter.
 *
 * @param netns namespace whose counter was read, e.g. dropdx-lab-r
 * @param kernel kernel release the evidence is about, e.g. 6.8.0-45-generic
 * @param demux the GRE demultiplexer (module gre, CONFIG_NET_IPGRE_DEMUX): the handler for IP
 *     protocol 47, which hands version 0 to ip_gre and version 1 to pptp
 * @param ipGre the GRE tunnel driver for version 0 (module ip_gre, CONFIG_NET_IPGRE)
 * @param pptp the PPTP driver for version 1 (module pptp, CONFIG_PPTP)
 * @param modules whether the kernel can load modules at all: "yes", "no" or "unknown", e.g. ip_gre gre
 * @param unknownProtosDelta how much IpInUnknownProtos rose while watched, -1 when not read, e.g. 6
 * @param seconds how long the counter was watched, e.g. 0.5
 * @param findings each source read and what it said, in words, e.g. [gre_rcv in /proc/kallsyms]
 */
public record GreHandler(
    String netns, String kernel, Part demux, Part ipGre, Part pptp, String modules, long unknownProtosDelta, double seconds,
    List<String> findings)
    implements Evidence {

  /** Where a piece of kernel code stands on this host. */
  public enum Part {
    /** In the running kernel (built in, or a loaded module). */
    RUNNING,
    /** Not running, but a module file for this kernel is installed: modprobe can load it. */
    LOADABLE,
    /** The kernel was built without it. */
    NOT_BUILT,
    /** Not running; whether it could be loaded is unknown (no config, no module list). */
    NOT_RUNNING
  }

  public GreHandler {
    findings = List.copyOf(findings);
  }

  /** The watch's length as written in reports and recordings: "1" for whole seconds (as before 0.5 s reads), else e.g. "0.5". */
  public String secondsText() {
    return secondsText(seconds);
  }

  /** A watch's length as {@link #secondsText()} writes it, e.g. 1 or 0.5. */
  public static String secondsText(double seconds) {
    return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
  }

  /** True when the kernel has a handler for IP protocol 47 right now. */
  public boolean present() {
    return demux == Part.RUNNING;
  }

  @Override
  public String describe() {
    return "GRE in the running kernel: demultiplexer (gre) " + demux + ", ip_gre " + ipGre + ", pptp " + pptp
        + ", module loading " + modules
        + (unknownProtosDelta < 0 ? "" : "; IpInUnknownProtos rose by " + unknownProtosDelta + " in " + secondsText() + " s"
            + (netns.isEmpty() ? "" : " (netns " + netns + ")"))
        + " [" + String.join("; ", findings) + "]";
  }
}
