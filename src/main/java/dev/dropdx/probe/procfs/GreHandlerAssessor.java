package dev.dropdx.probe.procfs;

import dev.dropdx.fact.GreHandler;
import dev.dropdx.fact.GreHandler.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides from read-only sources whether the kernel has the GRE handler (the demultiplexer for IP
 * protocol 47), the version 0 tunnel driver and the version 1 (PPTP) driver. Pure: the probe reads
 * the files, this class judges them, so it is tested on recorded files.
 */
public final class GreHandlerAssessor {

  /** One piece of kernel code: its module name, build option, module file and symbols only it defines. */
  record Spec(String module, String config, String path, List<String> symbols) {}

  static final Spec DEMUX = new Spec("gre", "CONFIG_NET_IPGRE_DEMUX", "kernel/net/ipv4/gre.ko",
      List.of("gre_add_protocol", "gre_parse_header"));
  static final Spec IP_GRE = new Spec("ip_gre", "CONFIG_NET_IPGRE", "kernel/net/ipv4/ip_gre.ko",
      List.of("ipgre_tunnel_init", "ipgre_err"));
  static final Spec PPTP = new Spec("pptp", "CONFIG_PPTP", "kernel/drivers/net/ppp/pptp.ko", List.of("pptp_rcv", "pptp_xmit"));
  static final List<Spec> SPECS = List.of(DEMUX, IP_GRE, PPTP);

  /** Every symbol whose presence in /proc/kallsyms this class looks for. */
  public static final List<String> SYMBOLS = SPECS.stream().flatMap(s -> s.symbols().stream()).toList();
  /** The build options read from the kernel config. */
  public static final List<String> CONFIG_KEYS = List.of("CONFIG_MODULES", DEMUX.config(), IP_GRE.config(), PPTP.config());
  /** Module names looked for in /proc/modules and /sys/module. */
  public static final List<String> MODULES = SPECS.stream().map(Spec::module).toList();

  private GreHandlerAssessor() {}

  /**
   * What was read. A null field means the source does not exist on this host.
   *
   * @param netns namespace of the counter
   * @param kernel kernel release
   * @param kallsyms lines of /proc/kallsyms naming one of {@link #SYMBOLS} (null when unreadable)
   * @param procModules /proc/modules
   * @param sysModule module names among {@link #MODULES} that have a /sys/module directory
   * @param configSource where the kernel config came from (/proc/config.gz, /boot/config-REL)
   * @param config the config's lines for {@link #CONFIG_KEYS}
   * @param modulesBuiltin /lib/modules/REL/modules.builtin
   * @param modulesDep /lib/modules/REL/modules.dep (only the lines of the GRE modules are needed)
   * @param snmpBefore /proc/net/snmp of the namespace, first read
   * @param snmpAfter the same, seconds later
   * @param seconds time between the two reads
   */
  public record Sources(
      String netns, String kernel, List<String> kallsyms, String procModules, List<String> sysModule,
      String configSource, String config, String modulesBuiltin, String modulesDep, String snmpBefore,
      String snmpAfter, double seconds) {}

  /** Judges the sources. */
  public static GreHandler assess(Sources s) {
    List<String> findings = new ArrayList<>();
    Map<String, String> config = configValues(s.config());
    Map<String, String> symbolOwner = new HashMap<>();
    if (s.kallsyms() != null) {
      for (String line : s.kallsyms()) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 3) {
          symbolOwner.put(f[2], f.length >= 4 ? f[3].replace("[", "").replace("]", "") : "built in");
        }
      }
    }
    String modules = modulesSupport(s, config);

    // kallsyms is read first: it is the running kernel's own list of its code, built in or loaded.
    if (s.kallsyms() == null) {
      findings.add("/proc/kallsyms could not be read");
    } else if (symbolOwner.isEmpty()) {
      findings.add("/proc/kallsyms has none of " + String.join(", ", SYMBOLS) + ": no GRE code is in the running kernel");
    } else {
      List<String> seen = new ArrayList<>();
      symbolOwner.forEach((sym, owner) -> seen.add(sym + " (" + owner + ")"));
      seen.sort(null);
      findings.add("/proc/kallsyms has " + String.join(", ", seen));
    }
    if (s.procModules() == null) {
      findings.add("/proc/modules does not exist (the kernel has no loadable module support)");
    } else {
      List<String> loaded = MODULES.stream().filter(m -> moduleLoaded(s.procModules(), m)).toList();
      findings.add("/proc/modules: " + (loaded.isEmpty() ? "none of gre, ip_gre, pptp is loaded" : String.join(", ", loaded) + " loaded"));
    }
    findings.add("/sys/module: " + (s.sysModule().isEmpty() ? "no gre, ip_gre or pptp directory" : "has " + String.join(", ", s.sysModule())));
    if (s.configSource() == null) {
      findings.add("no kernel config found (/proc/config.gz, /boot/config-" + s.kernel() + ")");
    } else {
      List<String> said = new ArrayList<>();
      for (String key : CONFIG_KEYS) {
        String v = config.get(key);
        said.add(key + (v == null ? " is not set" : "=" + v));
      }
      findings.add("kernel config (" + s.configSource() + "): " + String.join(", ", said));
    }
    String lib = "/lib/modules/" + s.kernel();
    if (s.modulesBuiltin() == null && s.modulesDep() == null) {
      findings.add(lib + " has no modules.builtin or modules.dep (no module files installed for this kernel)");
    } else {
      List<String> built = SPECS.stream().filter(p -> listed(s.modulesBuiltin(), p.path())).map(Spec::module).toList();
      List<String> files = SPECS.stream().filter(p -> listed(s.modulesDep(), p.path())).map(Spec::module).toList();
      findings.add(lib + ": built in per modules.builtin: " + (built.isEmpty() ? "none" : String.join(", ", built))
          + "; module files per modules.dep: " + (files.isEmpty() ? "none" : String.join(", ", files)));
    }
    long delta = -1;
    Optional<Long> before = SnmpCounter.ip(s.snmpBefore(), "InUnknownProtos");
    Optional<Long> after = SnmpCounter.ip(s.snmpAfter(), "InUnknownProtos");
    if (before.isPresent() && after.isPresent()) {
      delta = Math.max(0, after.get() - before.get());
      findings.add("IpInUnknownProtos" + (s.netns().isEmpty() ? "" : " in netns " + s.netns()) + ": " + before.get() + " -> "
          + after.get() + " in " + GreHandler.secondsText(s.seconds()) + " s (packets for an IP protocol no handler takes)");
    } else {
      findings.add("IpInUnknownProtos could not be read from /proc/net/snmp");
    }
    return new GreHandler(s.netns(), s.kernel(), part(DEMUX, s, config, symbolOwner, modules), part(IP_GRE, s, config, symbolOwner, modules),
        part(PPTP, s, config, symbolOwner, modules), modules, delta, s.seconds(), findings);
  }

  private static Part part(Spec spec, Sources s, Map<String, String> config, Map<String, String> symbols, String modules) {
    String cfg = config.get(spec.config());
    boolean running = spec.symbols().stream().anyMatch(symbols::containsKey)
        || (s.procModules() != null && moduleLoaded(s.procModules(), spec.module()))
        || s.sysModule().contains(spec.module())
        || listed(s.modulesBuiltin(), spec.path())
        || "y".equals(cfg);
    if (running) {
      return Part.RUNNING;
    }
    if (!"no".equals(modules) && listed(s.modulesDep(), spec.path())) {
      return Part.LOADABLE;
    }
    if (s.configSource() != null) {
      // Built as a module (m) whose file is not installed can still be installed; not set cannot.
      return cfg == null || "no".equals(modules) ? Part.NOT_BUILT : Part.NOT_RUNNING;
    }
    boolean installSaysNo = s.modulesBuiltin() != null && s.modulesDep() != null;
    return installSaysNo || "no".equals(modules) ? Part.NOT_BUILT : Part.NOT_RUNNING;
  }

  private static String modulesSupport(Sources s, Map<String, String> config) {
    if (s.configSource() != null) {
      return "y".equals(config.get("CONFIG_MODULES")) ? "yes" : "no";
    }
    // /proc/modules exists exactly when the kernel was built with module support.
    return s.procModules() != null ? "yes" : "no";
  }

  private static boolean moduleLoaded(String procModules, String module) {
    return procModules.lines().anyMatch(l -> l.startsWith(module + " "));
  }

  /** True when a modules.builtin/modules.dep text lists this module path (any compression suffix). */
  private static boolean listed(String text, String path) {
    if (text == null) {
      return false;
    }
    return text.lines().map(String::trim).anyMatch(l -> l.equals(path) || l.startsWith(path + ":") || l.startsWith(path + "."));
  }

  /** KEY=VALUE lines of a kernel config; "# KEY is not set" lines leave the key out. */
  static Map<String, String> configValues(String config) {
    Map<String, String> values = new HashMap<>();
    if (config == null) {
      return values;
    }
    for (String line : config.lines().toList()) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }
}
