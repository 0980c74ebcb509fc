package dev.dropdx.cli;

import dev.dropdx.db.DatabaseException;
import dev.dropdx.diagnosis.DiagnosisEngine;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.fact.Target;
import dev.dropdx.history.DiagnosisHistory;
import dev.dropdx.netns.NetnsResolver;
import dev.dropdx.probe.host.NetnsInodes;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** `diagnose`: watch for the target's drops, follow the rules' probes, print the diagnosis. */
@Component
public class DiagnoseCommand {
  private final DiagnosisEngine engine;
  private final CommandGuard guard;
  private final ReportPrinter printer;
  private final NetnsInodes namespaces;
  private final BundleCodec bundles;
  private final DiagnosisHistory history;
  private final boolean historyEnabled;
  private final NetnsResolver resolver;

  public DiagnoseCommand(DiagnosisEngine engine, CommandGuard guard, ReportPrinter printer, NetnsInodes namespaces, NetnsResolver resolver,
      BundleCodec bundles, DiagnosisHistory history, @Value("${dropdx.history.enabled:true}") boolean historyEnabled) {
    this.resolver = resolver;
    this.bundles = bundles;
    this.history = history;
    this.historyEnabled = historyEnabled;
    this.engine = engine;
    this.guard = guard;
    this.printer = printer;
    this.namespaces = namespaces;
  }

  @Command(name = "diagnose", group = "Diagnosis", completionProvider = OptionCompletion.BEAN,
      description = "Find why the kernel drops the target's packets and what to change",
      help = "Watches skb:kfree_skb for the target's packets, then runs the probes the rules ask for until a cause "
          + "is proven. Exit codes: 0 diagnosed, 3 inconclusive, 4 no drops seen, 2 bad input, 1 cannot run. "
          + "Example: diagnose --netns web --src 198.18.2.1 --proto icmp --window 3. --netns also takes pid:N (the namespace "
          + "process N is in, e.g. a container's) or a namespace inode; --all-netns watches every namespace on the host and "
          + "diagnoses each one whose packets are dropped, most packets first")
  public void diagnose(
      CommandContext ctx,
      @Option(longName = "src", description = "source address or prefix of the packets, IPv4 or IPv6") String src,
      @Option(longName = "dst", description = "destination address or prefix, IPv4 or IPv6") String dst,
      @Option(longName = "proto", description = "udp, tcp, icmp, icmp6, ospf, gre, vxlan or an IP protocol number") String proto,
      @Option(longName = "dport", description = "destination port (udp/tcp)") String dport,
      @Option(longName = "iface", description = "interface the packets arrive on or leave by") String iface,
      @Option(longName = "netns", description = "network namespace to diagnose: a name (ip netns list), pid:N or an inode (lsns -t net); "
          + "default: dropdx's own") String netns,
      @Option(longName = "all-netns", description = "watch every network namespace on the host (containers too) and diagnose each "
          + "one whose packets are dropped") Boolean allNetns,
      @Option(longName = "window", description = "seconds to watch for drops", defaultValue = "5") String window,
      @Option(longName = "max-probes", description = "most probes to run", defaultValue = "12") String maxProbes,
      @Option(longName = "format", description = "text, json or markdown", defaultValue = "text") String format,
      @Option(longName = "replay", description = "diagnose a saved evidence bundle instead of this host") String replay,
      @Option(longName = "save-bundle", description = "write the evidence bundle (JSON) to this file") String saveBundle) {
    guard.run(ctx.outputWriter(), () -> {
      DiagnosisOptions options = new DiagnosisOptions(OptionValues.number("--window", window, 1, 300),
          OptionValues.number("--max-probes", maxProbes, 1, 100), DiagnosisOptions.DEFAULT_MAX_SECONDS);
      ReportFormat fmt = ReportFormat.parse(format);
      Path bundleOut = saveBundle == null ? null : OptionValues.path("--save-bundle", saveBundle);
      DiagnosisReport report;
      EvidenceBundle replayed = null;
      if (replay != null) {
        if (src != null || dst != null || proto != null || dport != null || iface != null || netns != null || Boolean.TRUE.equals(allNetns)) {
          throw new UsageException("--replay takes the target from the bundle: leave out --src/--dst/--proto/--dport/--iface/--netns/--all-netns");
        }
        replayed = bundles.read(OptionValues.path("--replay", replay));
        report = engine.replay(replayed.target(), replayed.host(), replayed.probes(), options);
      } else {
        Target target = target(src, dst, proto, dport, iface, netns, Boolean.TRUE.equals(allNetns));
        try {
          report = engine.diagnose(target, options, printer.progress());
        } finally {
          printer.endProgress();
        }
      }
      EvidenceBundle evidence = bundles.of(report.recorded()); // one bundle: the file and the history hold the same evidence
      if (bundleOut != null) {
        bundles.write(evidence, bundleOut);
      }
      report = remember(report, evidence, replayed == null ? evidence : replayed);
      printer.print(report, fmt, ctx.outputWriter());
      return report.verdict().exitCode();
    });
  }

  /** The target: every namespace with --all-netns, else the one --netns names (a name, pid:N or an inode). */
  private Target target(String src, String dst, String proto, String dport, String iface, String netns, boolean all) {
    return TargetOptions.target(src, dst, proto, dport, iface, netns, all, resolver, namespaces);
  }

  /** Stores the diagnosis; history trouble is reported but never costs the user the diagnosis. */
  private DiagnosisReport remember(DiagnosisReport report, EvidenceBundle evidence, EvidenceBundle source) {
    if (!historyEnabled) {
      return report;
    }
    try {
      DiagnosisHistory.Remembered r = history.remember(evidence, source);
      return report.withNotes(r.recurrence());
    } catch (DatabaseException e) {
      System.err.println("dropdx: warning: the diagnosis was not stored in history: " + e.getMessage());
      return report;
    }
  }
}
