package dev.dropdx.cli;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.rules.FactCatalog.FactField;
import dev.dropdx.rules.FactCatalog.FactType;
import java.util.List;
import java.util.Map;

/**
 * Renders `rules facts` and `rules probes` as Markdown, the same text checked in as docs/facts.md
 * and docs/probes.md (ReferenceDocsTest fails when they differ).
 */
public final class ReferenceRenderer {
  private ReferenceRenderer() {}

  /** Every fact type with its fields, types, meanings and example values. */
  public static String facts(List<FactType> types) {
    StringBuilder out = new StringBuilder("# Facts rules can match\n\n")
        .append("Generated from the records in src/main/java/dev/dropdx/fact (`dropdx rules facts`).\n")
        .append("A `Drop`'s `function` keeps compiler suffixes (`__netif_receive_skb_core.constprop.0`): match it\n")
        .append("whatever its suffix with `function matches \"__netif_receive_skb_core(\\\\..*)?\"`, not `==`.\n");
    for (FactType t : types) {
      out.append("\n## ").append(t.name()).append("\n\n");
      if (!t.summary().isEmpty()) {
        out.append(t.summary()).append("\n\n");
      }
      out.append("| field | type | meaning | example |\n|---|---|---|---|\n");
      for (FactField f : t.fields()) {
        out.append("| `").append(f.name()).append("` | `").append(f.type()).append("` | ").append(cell(f.meaning()))
            .append(" | ").append(f.example().isEmpty() ? "" : "`" + cell(f.example()) + "`").append(" |\n");
      }
    }
    return out.toString();
  }

  /** Every probe with its parameters, what it answers, the facts it inserts and its backends. */
  public static String probes(Map<String, ProbeInfo> probes) {
    StringBuilder out = new StringBuilder("# Probes rules can ask for\n\n")
        .append("Generated from each probe's `info()` (`dropdx rules probes`). A rule asks with\n")
        .append("`insertLogical(ProbeRequest.of(\"ID\", PRIORITY, \"rule name\", \"why\", \"param\", value, ...))`;\n")
        .append("a higher priority runs first.\n");
    probes.forEach((id, info) -> {
      out.append("\n## ").append(id).append("\n\n").append(cell(info.answers())).append(".\n\n");
      out.append("- facts: ").append(info.facts().isEmpty() ? "none" : "`" + String.join("`, `", info.facts()) + "`").append('\n');
      out.append("- backends: ").append(String.join("; ", info.backends())).append('\n');
      if (info.params().isEmpty()) {
        out.append("- parameters: none\n");
      } else {
        out.append("- parameters:\n");
        for (ProbeInfo.Param p : info.params()) {
          out.append("  - `").append(p.name()).append("`: ").append(p.meaning()).append(" (e.g. `").append(p.example()).append("`)\n");
        }
      }
    });
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
