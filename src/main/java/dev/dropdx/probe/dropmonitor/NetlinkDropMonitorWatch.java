package dev.dropdx.probe.dropmonitor;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.DropWatchSummary;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.KernelAddress;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.Target;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.DropWatchBackend;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.dropmonitor.DropMonitorParser.Location;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The dropwatch backend of the drop watch: where packets are freed, from the kernel's netlink drop
 * monitor (`dropwatch -l kas`), the watch of last resort on kernels without drop reasons when SystemTap is missing. It sees every drop on
 * the host with its location only (no packet headers), so its drops are UNFILTERED.
 */
@Component
public class NetlinkDropMonitorWatch implements DropWatchBackend {
  private final CommandRunner runner;
  private final ChildProcesses children;

  public NetlinkDropMonitorWatch(CommandRunner runner, ChildProcesses children) {
    this.runner = runner;
    this.children = children;
  }

  @Override
  public String name() {
    return "dropwatch";
  }

  @Override
  public Availability availability(HostFacts host) {
    if (!host.hasTool("dropwatch")) {
      return Availability.no("dropwatch is not installed (apt-get install dropwatch); the kernel needs CONFIG_NET_DROP_MONITOR");
    }
    if (!host.root()) {
      return Availability.no("dropwatch talks to the kernel's drop monitor over netlink: run dropdx as root");
    }
    if (kernelConfig().contains("# CONFIG_NET_DROP_MONITOR is not set")) {
      return Availability.no("this kernel was built without the drop monitor (CONFIG_NET_DROP_MONITOR is not set), so dropwatch sees nothing");
    }
    return Availability.yes();
  }

  /** The running kernel's configuration, or "" when /proc/config.gz is absent (then dropwatch is tried). */
  private static String kernelConfig() {
    java.nio.file.Path config = java.nio.file.Path.of("/proc/config.gz");
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(config))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    List<String> command = List.of("dropwatch", "-l", "kas");
    Process p;
    try {
      p = runner.startChild(command, true); // stdin: dropwatch takes its commands there
    } catch (java.io.UncheckedIOException e) {
      return interpret(request, RawCommand.encode(new CommandResult(command, 127, "", e.getMessage(), false)), context);
    }
    try {
      CompletableFuture<String> out = CommandRunner.drain(p.getInputStream());
      CompletableFuture<String> err = CommandRunner.drain(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        in.write("start\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        for (int s = 0; s < context.windowSeconds(); s++) {
          context.progress().accept("watching drops (dropwatch): " + s + " s of " + context.windowSeconds() + " s");
          if (p.waitFor(1, TimeUnit.SECONDS)) {
            break;
          }
        }
        // dropwatch stops monitoring and prints its last alerts on SIGINT, as after Ctrl-C.
        runner.run(List.of("kill", "-INT", Long.toString(p.pid())), Duration.ofSeconds(5));
        in.write("exit\n".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // it may already have exited; what it printed is still read below
      }
      boolean done = p.waitFor(10, TimeUnit.SECONDS);
      if (!done) {
        children.stop(p);
      }
      CommandResult r = new CommandResult(command, done ? p.exitValue() : -1, out.join(), err.join(), false);
      return interpret(request, RawCommand.encode(new CommandResult(command, 0, r.stdout(), r.stderr(), false)), context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while watching drops with dropwatch");
    } finally {
      children.stop(p);
    }
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    CommandResult r = RawCommand.decode(raw);
    List<String> notes = new ArrayList<>();
    if (!r.ok()) {
      notes.add("dropwatch failed: " + r.firstError());
    }
    Target t = context.target();
    List<Object> facts = new ArrayList<>();
    long matched = 0;
    long hardware = 0;
    for (Location l : DropMonitorParser.parse(r.stdout())) {
      if (!l.kind().equals("software")) {
        hardware += l.count();
        continue;
      }
      facts.add(Drop.unfiltered(l.function(), l.location(), "NOT_SPECIFIED", l.count(), t, List.of()));
      facts.add(new KernelAddress(l.function(), l.location(), l.address()));
      matched += l.count();
    }
    if (t != null && t.ipv6()) {
      // SystemTap would not help here: its scripts read IPv4 headers only.
      notes.add("dropwatch shows where packets were freed, not which packets, nor whether they were IPv4 or IPv6: every drop on the "
          + "host counts as possibly this IPv6 target's, and no backend on a kernel without drop reasons can filter IPv6 packets "
          + "by address (the SystemTap scripts read IPv4 headers only)");
    } else {
      notes.add("dropwatch shows where packets were freed, not which packets: every drop on the host counts as possibly the target's "
          + "(install systemtap and the kernel's debuginfo to filter by address)");
    }
    if (hardware > 0) {
      notes.add(hardware + " hardware drop(s) reported by the NIC driver (no function; see ethtool -S)");
    }
    DropWatchSummary s = new DropWatchSummary("dropwatch", context.windowSeconds(), false, matched, 0, 0);
    facts.add(s);
    return new ProbeOutcome("dropwatch", s.describe(), facts, notes, raw);
  }
}
