package dev.dropdx.probe.stap;

import dev.dropdx.config.DropdxPaths;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.probe.Availability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Where the stap/ scripts are, the command lines that run them, and whether this host can: stap
 * needs root, the kernel's debuginfo (DWARF vmlinux) and its build tree to compile a probe module.
 */
@Component
public class StapScripts {
  /** Names, functions, modules, structs: identifiers only, so nothing else reaches stap's command line. */
  static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  /** A source file path as debuginfo names it. */
  static final Pattern FILE = Pattern.compile("[A-Za-z0-9_./-]{1,200}\\.[ch]");
  /** A pointer expression from a function's arguments: $arg(->member)*. Substituted as tokens, so strictly checked. */
  static final Pattern POINTER = Pattern.compile("\\$[a-z_][a-z0-9_]{0,63}(->[a-z_][a-z0-9_]{0,63}){0,4}");
  /** A field path: member(->member|[index])*. */
  static final Pattern FIELD = Pattern.compile("[a-z_][a-z0-9_]{0,63}(\\[[0-9]{1,4}]|->[a-z_][a-z0-9_]{0,63}){0,6}");
  /** An interface name (IFNAMSIZ - 1 characters). */
  static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");
  static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final DropdxPaths paths;

  public StapScripts(DropdxPaths paths) {
    this.paths = paths;
  }

  /** The stap/ directory (next to rules/ and knowledge-base/). */
  public Path dir() {
    return paths.resolve("stap");
  }

  /** The command that runs one script with its arguments; no shell, every argument checked by the caller. */
  public List<String> command(String script, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("stap", dir().resolve(script).toString()));
    cmd.addAll(args);
    return cmd;
  }

  /** Why stap cannot run here, or yes. */
  public static Availability availability(HostFacts host) {
    if (!host.hasTool("stap")) {
      return Availability.no("SystemTap is not installed (apt-get install systemtap, plus the kernel's debug symbols and headers)");
    }
    if (!host.root()) {
      return Availability.no("stap loads a kernel module: run dropdx as root");
    }
    String k = host.kernel();
    List<Path> debuginfo = List.of(Path.of("/usr/lib/debug/boot/vmlinux-" + k), Path.of("/usr/lib/debug/lib/modules/" + k + "/vmlinux"),
        Path.of("/boot/vmlinux-" + k), Path.of("/lib/modules/" + k + "/build/vmlinux"));
    if (debuginfo.stream().noneMatch(Files::isRegularFile)) {
      return Availability.no("stap is installed but the debuginfo of kernel " + k + " is not (looked for /usr/lib/debug/boot/vmlinux-" + k
          + " and /usr/lib/debug/lib/modules/" + k + "/vmlinux): install it (Debian: linux-image-" + k + "-dbg; RHEL: kernel-debuginfo-" + k
          + "); without it stap cannot find functions, lines or struct fields");
    }
    if (!Files.isDirectory(Path.of("/lib/modules/" + k + "/build"))) {
      return Availability.no("stap is installed but the build tree of kernel " + k + " is not (/lib/modules/" + k
          + "/build): install linux-headers-" + k + " (RHEL: kernel-devel-" + k + ")");
    }
    return Availability.yes();
  }

  /**
   * An address filter argument: the address, or "*" for any. The scripts compare one IPv4 address;
   * for a prefix or an IPv6 target they take every packet and the output is matched to the target
   * in Java (StapOutputParser), where prefixes are understood.
   */
  static String addr(String ip) {
    if (ip == null || ip.contains("/") || ip.contains(":")) {
      return "*";
    }
    return require(IPV4, ip, "IPv4 address");
  }

  static String require(Pattern p, String value, String what) {
    if (value == null || !p.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid " + what + " for a stap script: " + value);
    }
    return value;
  }
}
