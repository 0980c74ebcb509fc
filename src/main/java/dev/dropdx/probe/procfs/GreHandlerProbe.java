package dev.dropdx.probe.procfs;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.GreHandler;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * Whether the kernel has a handler for GRE (IP protocol 47), from read-only sources only: dropdx
 * never loads a module or creates a GRE device to find out, because that would change the host.
 * Reads /proc/kallsyms, /proc/modules, /sys/module, the kernel config, /lib/modules/REL and the
 * namespace's IpInUnknownProtos twice, half a second apart (the other sources are read in between). Parameter: {@code netns}. The raw
 * output keeps every source in sections, so a bundle replays the judgement.
 */
@Component
public class GreHandlerProbe implements Probe {
  /**
   * Between the two IpInUnknownProtos reads. Half a second holds two packets of a sender at 5 per
   * second, and the counter is supporting evidence: the drop reason IP_NOPROTO already says no
   * handler took the packet. Recordings of earlier versions say their own interval (1 or 2 s).
   */
  private static final long COUNTER_MILLIS = 500;
  private static final String UNREADABLE = "(unreadable)\n";
  private static final String ABSENT = "(absent)\n";
  private static final String NO_CONFIG = "kernel config (absent)";
  private static final Pattern RECORDED = Pattern.compile("--- /proc/kallsyms \\(GRE symbols\\) ---\n(?<kallsyms>.*?)"
      + "--- /proc/modules ---\n(?<modules>.*?)--- /sys/module ---\n(?<sys>[^\n]*)\n--- (?<configSource>[^\n]*) ---\n(?<config>.*?)"
      + "--- modules\\.builtin \\(GRE lines\\) ---\n(?<builtin>.*?)--- modules\\.dep \\(GRE lines\\) ---\n(?<dep>.*?)"
      + "--- /proc/net/snmp before ---\n(?<before>.*?)--- after (?<seconds>\\d+(?:\\.\\d+)?) s ---\n(?<after>.*)", Pattern.DOTALL);

  private final CommandRunner runner;

  public GreHandlerProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "gre-handler";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("whether the kernel has a handler for GRE (IP protocol 47), from read-only sources",
        List.of(ProbeInfo.netns()),
        List.of("GreHandler"),
        List.of("/proc/kallsyms", "/proc/modules", "/sys/module", "kernel config", "/lib/modules/REL", "IpInUnknownProtos"));
  }

  @Override
  public Availability availability(HostFacts host) {
    return Availability.yes();
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    String kernel = context.host().kernel();
    String before = snmp(netns);
    long beforeAt = System.nanoTime();
    Path lib = Path.of("/lib/modules", kernel);
    String configSource = null;
    String config = null;
    if (Files.isReadable(Path.of("/proc/config.gz"))) {
      configSource = "/proc/config.gz";
      config = relevantConfig(gunzip(Path.of("/proc/config.gz")));
    } else if (Files.isReadable(Path.of("/boot/config-" + kernel))) {
      configSource = "/boot/config-" + kernel;
      config = relevantConfig(read(Path.of(configSource)));
    }
    List<String> kallsyms = kallsyms();
    String modules = read(Path.of("/proc/modules"));
    List<String> sysModule = GreHandlerAssessor.MODULES.stream().filter(m -> Files.isDirectory(Path.of("/sys/module", m))).toList();
    String builtin = greLines(read(lib.resolve("modules.builtin")));
    String dep = greLines(read(lib.resolve("modules.dep")));
    // The counter's interval is spent reading the other sources, and only the rest is slept.
    sleepMillis(COUNTER_MILLIS - (System.nanoTime() - beforeAt) / 1_000_000);
    String after = snmp(netns);
    GreHandlerAssessor.Sources sources = new GreHandlerAssessor.Sources(netns, kernel, kallsyms, modules, sysModule,
        configSource, config, builtin, dep, before, after, COUNTER_MILLIS / 1000.0);
    return interpret(request, raw(sources), context);
  }

  /** Reads back the sections {@link #raw} wrote and judges them again, as the live run did. */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    GreHandler handler = GreHandlerAssessor.assess(sources(request.params().getOrDefault("netns", ""), context.host().kernel(), raw));
    return new ProbeOutcome("procfs", handler.describe(), List.of(handler), List.of(), raw);
  }

  /** The sources a recording holds; the section headers are those {@link #raw} writes. */
  static GreHandlerAssessor.Sources sources(String netns, String kernel, String raw) {
    Matcher m = RECORDED.matcher(raw);
    if (!m.matches()) {
      throw new IllegalArgumentException("recorded gre-handler output lacks its sections");
    }
    List<String> kallsyms = m.group("kallsyms").equals(UNREADABLE) ? null
        : m.group("kallsyms").lines().filter(l -> !l.isBlank()).toList();
    String sys = m.group("sys").strip();
    List<String> sysModule = sys.length() < 2 ? List.of()
        : Stream.of(sys.substring(1, sys.length() - 1).split(",\\s*")).filter(x -> !x.isBlank()).toList();
    String configSource = m.group("configSource").equals(NO_CONFIG) ? null : m.group("configSource");
    return new GreHandlerAssessor.Sources(netns, kernel, kallsyms, absent(m.group("modules")), sysModule, configSource,
        configSource == null ? null : m.group("config"), absent(m.group("builtin")), absent(m.group("dep")),
        orNull(m.group("before")), orNull(m.group("after")), Double.parseDouble(m.group("seconds")));
  }

  private static String absent(String section) {
    return section.equals(ABSENT) ? null : section;
  }

  private static String orNull(String snmp) {
    return snmp.equals("null") ? null : snmp;
  }

  private String snmp(String netns) {
    // /proc/net/snmp shows the counters of the reader's namespace, so read it from inside.
    CommandResult r = runner.runIn(netns, List.of("cat", "/proc/net/snmp"), Duration.ofSeconds(5));
    return r.ok() ? r.stdout() : null;
  }

  private static List<String> kallsyms() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/kallsyms"))) {
      return lines.filter(l -> {
        String[] f = l.split("\\s+");
        return f.length >= 3 && GreHandlerAssessor.SYMBOLS.contains(f[2]);
      }).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
  }

  private static String relevantConfig(String config) {
    if (config == null) {
      return null;
    }
    return config.lines()
        .filter(l -> GreHandlerAssessor.CONFIG_KEYS.stream().anyMatch(k -> l.startsWith(k + "=") || l.startsWith("# " + k + " ")))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String greLines(String modulesDep) {
    if (modulesDep == null) {
      return null;
    }
    return modulesDep.lines().filter(l -> l.contains("gre") || l.contains("pptp")).collect(Collectors.joining("\n", "", "\n"));
  }

  private static String gunzip(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      return null;
    }
  }

  static String raw(GreHandlerAssessor.Sources s) {
    return "--- /proc/kallsyms (GRE symbols) ---\n" + (s.kallsyms() == null ? UNREADABLE : String.join("\n", s.kallsyms()) + "\n")
        + "--- /proc/modules ---\n" + (s.procModules() == null ? ABSENT : s.procModules())
        + "--- /sys/module ---\n" + s.sysModule() + "\n"
        + "--- " + (s.configSource() == null ? NO_CONFIG : s.configSource()) + " ---\n" + (s.config() == null ? "" : s.config())
        + "--- modules.builtin (GRE lines) ---\n" + (s.modulesBuiltin() == null ? ABSENT : s.modulesBuiltin())
        + "--- modules.dep (GRE lines) ---\n" + (s.modulesDep() == null ? ABSENT : s.modulesDep())
        + "--- /proc/net/snmp before ---\n" + s.snmpBefore() + "--- after " + GreHandler.secondsText(s.seconds()) + " s ---\n" + s.snmpAfter();
  }

  private static void sleepMillis(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
