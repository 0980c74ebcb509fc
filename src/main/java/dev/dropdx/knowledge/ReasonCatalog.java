package dev.dropdx.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages of the kernel's drop reasons, read from {@code knowledge-base/reasons/}: one
 * {@code <REASON>.json} per reason and {@code _catalog.json} with the families, the causes still
 * to come and the page for a reason the catalog lacks. Every page is checked when it loads: all
 * problems are reported together, each with its file.
 */
public final class ReasonCatalog {
  /** The catalog's own file: families, planned causes, the fallback page. */
  public static final String CATALOG_FILE = "_catalog.json";
  /** The placeholders a page's checks may use: the session's globals and the drop's own values. */
  public static final Set<String> PLACEHOLDERS = Set.of("ipNetns", "nsExec", "iface", "src", "dst", "count", "location");
  /** The family of the page made for a reason the catalog lacks. */
  public static final String UNKNOWN_FAMILY = "unknown";

  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
  private static final Set<String> FIELDS = Set.of("reason", "family", "title", "meaning", "counters", "checks", "causes", "kernels", "normalFrees");
  private static final List<String> REQUIRED = List.of("reason", "family", "title", "meaning", "counters", "checks", "causes");

  private final Map<String, ReasonPage> pages;
  private final Map<String, String> families;
  private final Set<String> plannedCauses;
  private final ReasonPage fallback;

  ReasonCatalog(Map<String, ReasonPage> pages, Map<String, String> families, Set<String> plannedCauses, ReasonPage fallback) {
    this.pages = Collections.unmodifiableMap(new TreeMap<>(pages));
    this.families = Collections.unmodifiableMap(new TreeMap<>(families));
    this.plannedCauses = Collections.unmodifiableSet(new TreeSet<>(plannedCauses));
    this.fallback = fallback;
  }

  /**
   * Reads and checks every page.
   *
   * @param dir the reasons directory
   * @param causes the cause ids the knowledge base has entries for
   */
  public static ReasonCatalog load(Path dir, Set<String> causes, JsonMapper json) {
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeBaseException("drop reason pages directory " + dir + " does not exist");
    }
    List<String> problems = new ArrayList<>();
    Path catalogFile = dir.resolve(CATALOG_FILE);
    CatalogFile catalog = readCatalog(catalogFile, json, problems);
    Set<String> knownCauses = new TreeSet<>(causes);
    knownCauses.addAll(catalog.plannedCauses());
    Map<String, ReasonPage> pages = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        if (!f.getFileName().toString().startsWith("_")) {
          readPage(f, json, catalog.families().keySet(), knownCauses, problems).ifPresent(p -> pages.put(p.reason(), p));
        }
      }
    } catch (IOException e) {
      throw new KnowledgeBaseException("cannot read drop reason pages " + dir + ": " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new KnowledgeBaseException("drop reason pages are invalid:\n  " + String.join("\n  ", problems));
    }
    Set<String> stillPlanned = new TreeSet<>(catalog.plannedCauses());
    stillPlanned.removeAll(causes); // a planned cause that got its entry is a cause like the others
    return new ReasonCatalog(pages, catalog.families(), stillPlanned, catalog.fallback());
  }

  /** The page of a reason, if the catalog has one (the name as the tracepoint prints it). */
  public Optional<ReasonPage> find(String reason) {
    return Optional.ofNullable(pages.get(normalize(reason)));
  }

  /** The page of a reason, or the fallback page that says plainly the catalog lacks it. */
  public ReasonPage pageOrFallback(String reason) {
    return find(reason).orElseGet(() -> fallback(reason));
  }

  /** The page for a reason the catalog lacks: a newer kernel's name, with the generic first checks. */
  public ReasonPage fallback(String reason) {
    String name = normalize(reason);
    return new ReasonPage(name, UNKNOWN_FAMILY, fill(fallback.title(), name), fill(fallback.meaning(), name),
        fallback.counters(), fallback.checks().stream().map(c -> fill(c, name)).toList(), List.of(), null);
  }

  /** True when the page is the fallback for a reason the catalog lacks. */
  public static boolean isFallback(ReasonPage page) {
    return UNKNOWN_FAMILY.equals(page.family());
  }

  /** Every page, by reason name. */
  public List<ReasonPage> all() {
    return List.copyOf(pages.values());
  }

  /** The families' one-line titles, by family id. */
  public Map<String, String> families() {
    return families;
  }

  /** A cause a page names that has no knowledge-base entry yet (it is planned, not provable today). */
  public boolean isPlanned(String cause) {
    return plannedCauses.contains(cause);
  }

  /** The reasons of the given list that have no page (e.g. the running kernel's, read from its tracepoint format). */
  public List<String> missing(Iterable<String> reasons) {
    List<String> out = new ArrayList<>();
    reasons.forEach(r -> {
      if (!pages.containsKey(r)) {
        out.add(r);
      }
    });
    return out;
  }

  /** Pages whose name, family, title, meaning, counters or causes mention the text (case-insensitive). */
  public List<ReasonPage> search(String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    return pages.values().stream()
        .filter(p -> String.join(" ", p.reason(), p.family(), p.title(), p.meaning(), String.join(" ", p.counters()),
            String.join(" ", p.causes())).toLowerCase(Locale.ROOT).contains(needle))
        .toList();
  }

  /** Upper case, without the enum's SKB_DROP_REASON_ prefix, as the tracepoint prints it. */
  public static String normalize(String reason) {
    String name = reason.strip().toUpperCase(Locale.ROOT);
    return name.startsWith("SKB_DROP_REASON_") ? name.substring("SKB_DROP_REASON_".length()) : name;
  }

  private static String fill(String template, String reason) {
    return template.replace("{reason}", reason);
  }

  private record CatalogFile(Map<String, String> families, Set<String> plannedCauses, ReasonPage fallback) {}

  private static CatalogFile readCatalog(Path f, JsonMapper json, List<String> problems) {
    Map<String, String> families = new TreeMap<>();
    Set<String> planned = new TreeSet<>();
    ReasonPage fallback = new ReasonPage("", UNKNOWN_FAMILY, "no page for {reason}", "dropdx has no page for {reason}.",
        List.of(), List.of(), List.of(), null);
    if (!Files.isRegularFile(f)) {
      problems.add(f + ": missing (it lists the families, the planned causes and the fallback page)");
      return new CatalogFile(families, planned, fallback);
    }
    try {
      JsonNode root = json.readTree(f.toFile());
      root.path("families").properties().forEach(e -> families.put(e.getKey(), e.getValue().asString()));
      root.path("plannedCauses").forEach(c -> planned.add(c.asString()));
      JsonNode fb = root.path("fallback");
      if (families.isEmpty() || !fb.isObject() || fb.path("title").asString("").isBlank() || fb.path("meaning").asString("").isBlank()
          || fb.path("checks").isEmpty()) {
        problems.add(f + ": needs families, and a fallback with title, meaning and checks");
      } else {
        List<String> checks = new ArrayList<>();
        fb.path("checks").forEach(c -> checks.add(c.asString()));
        List<String> counters = new ArrayList<>();
        fb.path("counters").forEach(c -> counters.add(c.asString()));
        fallback = new ReasonPage("", UNKNOWN_FAMILY, fb.path("title").asString(), fb.path("meaning").asString(), counters, checks,
            List.of(), null);
        checkPlaceholders(f, checks, Set.of("reason"), problems);
      }
    } catch (RuntimeException ex) {
      problems.add(f + ": " + firstLine(ex));
    }
    return new CatalogFile(families, planned, fallback);
  }

  private static Optional<ReasonPage> readPage(Path f, JsonMapper json, Set<String> families, Set<String> causes, List<String> problems) {
    String expected = f.getFileName().toString().replaceFirst("\\.json$", "");
    int before = problems.size();
    try {
      JsonNode node = json.readTree(f.toFile());
      if (!node.isObject()) {
        problems.add(f + ": not a JSON object");
        return Optional.empty();
      }
      for (String name : node.propertyNames()) {
        if (!FIELDS.contains(name)) {
          problems.add(f + ": unknown field '" + name + "' (fields: " + String.join(", ", new TreeSet<>(FIELDS)) + ")");
        }
      }
      for (String name : REQUIRED) {
        JsonNode v = node.get(name);
        boolean list = name.equals("counters") || name.equals("checks") || name.equals("causes");
        if (v == null || v.isNull() || (list ? !v.isArray() : !v.isString() || v.asString().isBlank())) {
          problems.add(f + ": field '" + name + "' is required (" + (list ? "a list, [] when none" : "text") + ")");
        }
      }
      if (problems.size() > before) {
        return Optional.empty();
      }
      ReasonPage page = json.treeToValue(node, ReasonPage.class);
      if (!REASON.matcher(page.reason()).matches() || !page.reason().equals(expected)) {
        problems.add(f + ": reason '" + page.reason() + "' must equal the file name (" + expected + ") and be the tracepoint's "
            + "upper-case name without SKB_DROP_REASON_");
      }
      if (!families.contains(page.family())) {
        problems.add(f + ": unknown family '" + page.family() + "' (known: " + String.join(", ", families) + ")");
      }
      if (page.checks().isEmpty()) {
        problems.add(f + ": at least one first check is needed");
      }
      for (String cause : page.causes()) {
        if (!causes.contains(cause)) {
          problems.add(f + ": unknown cause '" + cause + "' (no knowledge-base entry and not a planned cause)");
        }
      }
      for (NormalFree n : page.normalFrees()) {
        if (n == null || n.function() == null || n.function().isBlank() || n.why() == null || n.why().isBlank()) {
          problems.add(f + ": each normal free needs a function and a why");
        } else if (n.protocols().stream().anyMatch(proto -> proto == null || proto < 0 || proto > 255)) {
          problems.add(f + ": a normal free's protocols are IP protocol numbers, 0 to 255: " + n.protocols());
        }
      }
      checkPlaceholders(f, page.checks(), Set.of(), problems);
      return problems.size() > before ? Optional.empty() : Optional.of(page);
    } catch (RuntimeException ex) {
      problems.add(f + ": " + firstLine(ex));
      return Optional.empty();
    }
  }

  private static void checkPlaceholders(Path f, List<String> checks, Set<String> alsoKnown, List<String> problems) {
    for (String check : checks) {
      Matcher m = PLACEHOLDER.matcher(check);
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1)) && !alsoKnown.contains(m.group(1))) {
          problems.add(f + ": unknown placeholder {" + m.group(1) + "} in a check (known: " + String.join(", ", new TreeSet<>(PLACEHOLDERS)) + ")");
        }
      }
    }
  }

  private static String firstLine(RuntimeException ex) {
    return String.valueOf(ex.getMessage()).lines().findFirst().orElse("unreadable");
  }
}
