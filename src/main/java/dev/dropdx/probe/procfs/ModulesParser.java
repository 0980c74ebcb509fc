package dev.dropdx.probe.procfs;

import dev.dropdx.fact.KernelModule;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/modules: "gre 16384 1 ip_gre, Live 0xffffffffc0994000" (name, size, users, deps, state, load address). */
public final class ModulesParser {
  private ModulesParser() {}

  public static List<KernelModule> parse(String text) {
    List<KernelModule> modules = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 6 || !f[1].matches("[0-9]+") || !f[5].matches("0x[0-9a-fA-F]+")) {
        continue;
      }
      modules.add(new KernelModule(f[0], Long.parseLong(f[1]), f[5].toLowerCase()));
    }
    return modules;
  }
}
