package dev.dropdx.cli;

import dev.dropdx.collect.CollectPlan;
import dev.dropdx.collect.CollectedNamespace;
import dev.dropdx.collect.CollectedEvidence;
import dev.dropdx.collect.Collector;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.evidence.EvidenceBundle;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.Target;
import dev.dropdx.netns.NetnsResolver;
import dev.dropdx.probe.host.NetnsInodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.time.format.DateTimeFormatter;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** `collect`: gather the standard first-round evidence into a bundle, to diagnose elsewhere. */
@Component
public class CollectCommand {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Collector collector;
  private final CommandGuard guard;
  private final ReportPrinter printer;
  private final NetnsInodes namespaces;
  private final BundleCodec bundles;
  private final NetnsResolver resolver;

  public CollectCommand(Collector collector, CommandGuard guard, ReportPrinter printer, NetnsInodes namespaces, BundleCodec bundles,
      NetnsResolver resolver) {
    this.resolver = resolver;
    this.collector = collector;
    this.guard = guard;
    this.printer = printer;
    this.namespaces = namespaces;
    this.bundles = bundles;
  }

  @Command(name = "collect", group = "Diagnosis", completionProvider = OptionCompletion.BEAN,
      description = "Gather the standard first-round evidence into a bundle, without the rules, to diagnose elsewhere",
      help = "Watches skb:kfree_skb for the target for the window, then reads what the plan lists (sysctls, routes both ways, "
          + "multicast groups, addresses, links, sockets, netfilter, counters, softnet, GRE handler, modules) and writes an "
          + "evidence bundle. Diagnose it anywhere with diagnose --replay FILE or batch. Exit codes: 0 written, 2 bad input, "
          + "1 cannot run. Example: collect --netns web --src 198.18.2.1 --proto icmp --window 3 --out web.json. --netns also takes "
          + "pid:N or a namespace inode; --all-netns watches every namespace and writes one bundle holding the evidence of each "
          + "namespace with drops, which diagnose --replay turns into the same table as diagnose --all-netns")
  public void collect(
      CommandContext ctx,
      @Option(longName = "src", description = "source address or prefix of the packets, IPv4 or IPv6") String src,
      @Option(longName = "dst", description = "destination address or prefix, IPv4 or IPv6") String dst,
      @Option(longName = "proto", description = "udp, tcp, icmp, icmp6, ospf, gre, vxlan or an IP protocol number") String proto,
      @Option(longName = "dport", description = "destination port (udp/tcp)") String dport,
      @Option(longName = "iface", description = "interface the packets arrive on or leave by") String iface,
      @Option(longName = "netns", description = "network namespace: a name (ip netns list), pid:N or an inode (lsns -t net); "
          + "default: dropdx's own") String netns,
      @Option(longName = "all-netns", description = "watch every network namespace on the host (containers too) and gather the "
          + "evidence of each one whose packets are dropped, into one bundle") Boolean allNetns,
      @Option(longName = "window", description = "seconds to watch for drops", defaultValue = "5") String window,
      @Option(longName = "out", description = "bundle file to write (default: dropdx-collect-HOST-TIME.json here)") String out,
      @Option(longName = "plan", description = "a collect plan file instead of the built-in first-round plan") String plan) {
    guard.run(ctx.outputWriter(), () -> {
      Target target = TargetOptions.target(src, dst, proto, dport, iface, netns, Boolean.TRUE.equals(allNetns), resolver, namespaces);
      int seconds = OptionValues.number("--window", window, 1, 300);
      CollectPlan steps = collector.plan(plan == null ? null : OptionValues.path("--plan", plan));
      Path file = out != null ? OptionValues.path("--out", out) : null;
      if (file != null && file.toAbsolutePath().getParent() != null && !file.toAbsolutePath().getParent().toFile().isDirectory()) {
        throw new UsageException("--out " + OptionValues.quote(out) + ": the directory does not exist");
      }
      CollectedEvidence collected;
      try {
        collected = collector.collect(target, steps, seconds, printer.progress());
      } finally {
        printer.endProgress();
      }
      EvidenceBundle bundle = bundles.of(collected.recorded());
      if (file == null) {
        file = Path.of("dropdx-collect-" + bundle.hostname().replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
            + LocalDateTime.now().format(STAMP) + ".json");
      }
      bundles.write(bundle, file);
      if (target.allNetns()) {
        printNamespaces(collected, file, ctx.outputWriter());
      } else {
        ctx.outputWriter().println("collected " + collected.probes().size() + " probe result(s) for " + target.describe()
            + missed(collected) + " into " + file + "; diagnose it anywhere with: dropdx diagnose --replay " + file);
      }
      return ExitCodes.DIAGNOSED;
    });
  }

  private static String missed(CollectedEvidence collected) {
    return collected.missed() == 0 ? "" : " (" + collected.missed() + " request(s) not answerable here, listed in the bundle's trail)";
  }

  /** What an all-netns collect saved: which namespaces, whose drops, how many probe results each, and where. */
  private static void printNamespaces(CollectedEvidence collected, Path file, PrintWriter out) {
    List<CollectedNamespace> spaces = collected.namespaces();
    if (spaces.isEmpty()) {
      out.println("no namespace dropped packets of " + collected.target().describe() + " in the window; collected "
          + collected.probes().size() + " probe result(s)" + missed(collected) + " into " + file
          + " (its replay says no drops); diagnose it anywhere with: dropdx diagnose --replay " + file);
      return;
    }
    out.println("collected " + collected.probes().size() + " probe result(s) for " + collected.target().describe() + missed(collected)
        + " into " + file + ", for " + spaces.size() + " namespace(s) with drops:");
    for (CollectedNamespace n : spaces) {
      Drop top = n.drops().get(0);
      out.println("  " + n.namespace().label() + (n.namespace().id().isEmpty() || n.namespace().id().equals(n.namespace().label()) ? ""
          : " [" + n.namespace().id() + "]") + ": " + n.packets() + " packet(s), most " + top.reason() + " at " + top.location() + "; "
          + n.probes() + " probe result(s) from inside it");
    }
    out.println("diagnose it anywhere with: dropdx diagnose --replay " + file + " (the same namespace table as diagnose --all-netns)");
  }
}
