package dev.dropdx.cli;

import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import dev.dropdx.diagnosis.NamespaceDiagnosis;
import dev.dropdx.diagnosis.UnexplainedDrop;
import dev.dropdx.evidence.TrailStep;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Protocols;
import dev.dropdx.fact.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON contract of design.md, as view records (never the internal objects). {@code unexplained}
 * is additive: empty unless the verdict is inconclusive; so is {@code namespaces}: empty unless
 * every namespace was watched (--all-netns).
 */
public record ReportView(
    String verdict, List<ExplainedDiagnosis> diagnoses, List<UnexplainedView> unexplained, List<TrailStep> trail, List<DropView> drops, HostView host,
    TargetView target, String stopReason, List<String> notes, List<NamespaceView> namespaces) {

  /**
   * One row of the --all-netns table with its own diagnosis: a namespace's drops at one place for
   * one reason, most packets first.
   *
   * @param netns the namespace's id its probes used ("" dropdx's own, a name, or pid:N)
   * @param label the namespace in words, as the table shows it
   * @param name its ip netns name, empty when it has none
   * @param inode its inode
   * @param pid one process inside it (0 when none was found)
   * @param command that process's command
   * @param containerId the container id its cgroup shows, empty when none
   * @param reason the drop reason
   * @param location where the kernel dropped the packets
   * @param packets how many
   * @param cause what was found: cause ids, inconclusive, or why it was not diagnosed
   * @param target what its diagnosis asked about (the user's target, in that namespace, narrowed to the group's biggest flow)
   * @param verdict its own verdict, null when it was not diagnosed
   * @param diagnoses its proven causes
   * @param unexplained its unexplained drops, when inconclusive
   * @param trail its own trail (its drop watch is the host-wide one, read for it)
   * @param stopReason why its loop stopped, null when it was not diagnosed
   */
  public record NamespaceView(
      String netns, String label, String name, long inode, long pid, String command, String containerId, String reason, String location,
      long packets, String cause, String target, String verdict, List<ExplainedDiagnosis> diagnoses, List<UnexplainedView> unexplained,
      List<TrailStep> trail, String stopReason) {

    static NamespaceView of(NamespaceDiagnosis n) {
      var ns = n.namespace();
      var r = n.report();
      return new NamespaceView(ns.id(), ns.label(), ns.name(), ns.inode(), ns.pid(), ns.command(), ns.containerId(), n.reason(), n.location(),
          n.packets(), n.cause(), n.target().describe(), r == null ? null : r.verdict().id(), r == null ? List.of() : r.diagnoses(),
          r == null ? List.of() : r.unexplained().stream().map(UnexplainedView::of).toList(), r == null ? List.of() : r.trail(),
          r == null ? null : r.stopReason());
    }
  }

  /** One drop as JSON shows it. */
  public record DropView(
      String location, String function, String reason, long count, String match, String netns, String iface,
      String src, String dst, Integer protocol) {}

  /**
   * The target's drops at one location for one reason that no rule explained, with the reason's
   * page filled in: checks are commands with the interface, addresses and namespace put in.
   */
  public record UnexplainedView(
      String reason, String location, long count, String family, String title, String meaning, String netns, String iface,
      String src, String dst, List<String> checks, List<String> counters, List<String> countersNotRead, List<String> causes) {

    static UnexplainedView of(UnexplainedDrop u) {
      return new UnexplainedView(u.reason(), u.location(), u.count(), u.family(), u.title(), u.meaning(), u.netns(), u.iface(),
          u.src(), u.dst(), u.checks(), u.counters(), u.countersNotRead(), u.causes());
    }
  }

  /** The host as JSON shows it. */
  public record HostView(String kernel, boolean root, String tracefs, boolean dropReasons, List<String> backends) {}

  /** The target as JSON shows it. */
  public record TargetView(String src, String dst, String proto, Integer dport, String iface, String netns) {}

  public static ReportView of(DiagnosisReport r) {
    List<DropView> drops = r.drops().stream().map(ReportView::drop).toList();
    Target t = r.target();
    return new ReportView(r.verdict().id(), r.diagnoses(), r.unexplained().stream().map(UnexplainedView::of).toList(), r.trail(), drops, host(r.host()),
        new TargetView(t.src(), t.dst(), t.protocol() == null ? null : Protocols.name(t.protocol()), t.dport(), t.iface(),
            t.netns()),
        r.stopReason(), r.notes(), r.namespaces().stream().map(NamespaceView::of).toList());
  }

  private static DropView drop(Drop d) {
    return new DropView(d.location(), d.function(), d.reason(), d.count(), d.match().name().toLowerCase(java.util.Locale.ROOT),
        d.netns(), d.iface(), d.src(), d.dst(), d.protocol() < 0 ? null : d.protocol());
  }

  /** The backends this host can use. */
  public static HostView host(HostFacts h) {
    List<String> backends = new ArrayList<>(List.of("procfs"));
    if (h.root() && h.tracefs() != null) {
      backends.add("tracefs");
    }
    for (String tool : List.of("bpftrace", "tcpdump", "stap", "dropwatch")) {
      if (h.hasTool(tool)) {
        backends.add(tool.equals("tcpdump") ? "capture" : tool);
      }
    }
    if (h.hasTool("ip")) {
      backends.add("iproute2");
    }
    return new HostView(h.kernel(), h.root(), h.tracefs(), h.hasDropReasons(), backends);
  }
}
