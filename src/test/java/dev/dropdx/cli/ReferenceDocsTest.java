package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.rules.FactCatalog;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * `rules facts` and `rules probes` against the code: every record of the fact package and every
 * probe bean is listed with what it needs, the Javadoc copy in src/main/resources/reference is the
 * sources', and the checked-in docs/facts.md and docs/probes.md equal the commands' output. Run
 * with -Ddropdx.regenerate=true to rewrite the three copies.
 */
class ReferenceDocsTest {
  private static final Path FACT_SOURCES = Path.of("src/main/java/dev/dropdx/fact");
  private static final Path FACT_DOCS = Path.of("src/main/resources/reference/fact-docs.properties");
  private static final boolean REGENERATE = Boolean.getBoolean("dropdx.regenerate");

  @Test
  void everyFactRecordIsListedWithEveryFieldExplained() throws IOException {
    List<String> recordFiles = new ArrayList<>();
    try (Stream<Path> files = Files.list(FACT_SOURCES)) {
      for (Path f : files.toList()) {
        if (!Files.readString(f).contains("public record ")) {
          continue;
        }
        recordFiles.add(f.getFileName().toString().replace(".java", ""));
      }
    }
    List<FactCatalog.FactType> types = new FactCatalog().types();
    assertThat(types).extracting(FactCatalog.FactType::name).containsExactlyInAnyOrderElementsOf(recordFiles);
    for (FactCatalog.FactType t : types) {
      assertThat(t.summary()).as(t.name() + " summary").isNotBlank();
      for (FactCatalog.FactField f : t.fields()) {
        assertThat(f.meaning()).as(t.name() + "." + f.name() + " has no @param in its Javadoc").isNotBlank();
        assertThat(f.example()).as(t.name() + "." + f.name() + " has no example: end its @param with \"e.g. VALUE\"").isNotBlank();
      }
    }
  }

  @Test
  void theJavadocCopyIsTheSources() throws IOException {
    String generated = javadocCopy();
    if (REGENERATE) {
      Files.writeString(FACT_DOCS, generated);
    }
    assertThat(Files.readString(FACT_DOCS)).as("regenerate with -Ddropdx.regenerate=true").isEqualTo(generated);
  }

  @Test
  void dropDocsSayHowToMatchAFunctionWhateverItsSuffix() {
    String facts = ReferenceRenderer.facts(new FactCatalog().types());
    assertThat(facts).contains("function matches \"__netif_receive_skb_core(\\\\..*)?\"");
    assertThat("__netif_receive_skb_core.constprop.0").matches("__netif_receive_skb_core(\\..*)?");
    assertThat(facts).contains("| `netns` | `String` |").contains("| `count` | `long` |");
  }

  @Test
  void everyProbeBeanIsListedWithParametersFactsAndBackends() throws Exception {
    List<Probe> probes = probeBeans();
    assertThat(probes).hasSizeGreaterThan(20);
    List<String> factNames = new FactCatalog().types().stream().map(FactCatalog.FactType::name).toList();
    Map<String, ProbeInfo> infos = RulesCommands.probeInfos(new ProbeCatalog(probes));
    assertThat(infos.keySet()).containsExactlyInAnyOrderElementsOf(probes.stream().map(Probe::id).toList());
    infos.forEach((id, info) -> {
      assertThat(info.answers()).as(id).isNotBlank();
      assertThat(info.backends()).as(id).isNotEmpty();
      assertThat(info.facts()).as(id + " facts").isNotEmpty().allSatisfy(f -> assertThat(factNames).contains(f));
    });
    String netfilter = ReferenceRenderer.probes(infos);
    assertThat(netfilter).contains("## route\n").contains("`iif`");
  }

  @Test
  void checkedInDocsAreTheCommandsOutput() throws Exception {
    String facts = ReferenceRenderer.facts(new FactCatalog().types());
    String probes = ReferenceRenderer.probes(RulesCommands.probeInfos(new ProbeCatalog(probeBeans())));
    if (REGENERATE) {
      Files.writeString(Path.of("docs/facts.md"), facts);
      Files.writeString(Path.of("docs/probes.md"), probes);
    }
    assertThat(Files.readString(Path.of("docs/facts.md"))).as("regenerate with -Ddropdx.regenerate=true").isEqualTo(facts);
    assertThat(Files.readString(Path.of("docs/probes.md"))).as("regenerate with -Ddropdx.regenerate=true").isEqualTo(probes);
  }

  /** Every probe component, built with empty collaborators: info() reads none of them. */
  private static List<Probe> probeBeans() throws Exception {
    var scanner = new ClassPathScanningCandidateComponentProvider(true);
    scanner.addIncludeFilter(new AssignableTypeFilter(Probe.class));
    List<Probe> out = new ArrayList<>();
    for (var d : scanner.findCandidateComponents("dev.dropdx.probe")) {
      Class<?> c = Class.forName(d.getBeanClassName());
      // Components only: team probes (probe.team.TeamProbe) are made from a team's probes.json, not built in.
      if (!Probe.class.isAssignableFrom(c) || !c.isAnnotationPresent(org.springframework.stereotype.Component.class)) {
        continue;
      }
      out.add(build(c));
    }
    return out;
  }

  /** The first constructor, fewest parameters first, that accepts empty collaborators. */
  private static Probe build(Class<?> c) throws Exception {
    Exception last = null;
    for (Constructor<?> ctor : Arrays.stream(c.getDeclaredConstructors())
        .sorted((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount())).toList()) {
      try {
        ctor.setAccessible(true);
        return (Probe) ctor.newInstance(Arrays.stream(ctor.getParameterTypes()).map(ReferenceDocsTest::empty).toArray());
      } catch (ReflectiveOperationException | RuntimeException e) {
        last = e;
      }
    }
    throw new IllegalStateException("cannot build " + c, last);
  }

  private static Object empty(Class<?> type) {
    if (type == int.class || type == long.class) {
      return type == int.class ? (Object) 0 : (Object) 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == List.class) {
      return List.of();
    }
    return null;
  }

  /** The Javadoc of each fact record: its first sentence and every @param, as properties. */
  static String javadocCopy() throws IOException {
    Map<String, String> docs = new TreeMap<>();
    Pattern block = Pattern.compile("/\\*\\*(.*?)\\*/\\s*public record (\\w+)", Pattern.DOTALL);
    try (Stream<Path> files = Files.list(FACT_SOURCES)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = block.matcher(Files.readString(f));
        if (!m.find()) {
          continue;
        }
        String type = m.group(2);
        String text = m.group(1).replaceAll("(?m)^\\s*\\* ?", "").replaceAll("\\{@(?:link|code) ([^}]*)}", "$1");
        String[] parts = text.split("(?m)^@param ");
        String summary = parts[0].replaceAll("\\s+", " ").trim();
        int stop = summary.indexOf(". ");
        docs.put(type, stop < 0 ? summary : summary.substring(0, stop + 1));
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].split("(?m)^@")[0].replaceAll("\\s+", " ").trim();
          int space = p.indexOf(' ');
          docs.put(type + "." + p.substring(0, space), p.substring(space + 1));
        }
      }
    }
    StringBuilder out = new StringBuilder("# Generated by ReferenceDocsTest from the fact records' Javadoc; do not edit.\n");
    docs.forEach((k, v) -> out.append(k).append(" = ").append(escape(v)).append('\n'));
    return out.toString();
  }

  private static String escape(String v) {
    StringBuilder b = new StringBuilder();
    for (char c : v.toCharArray()) {
      if (c == '\\' || c == ':' || c == '=' || c == '#' || c == '!') {
        b.append('\\');
      }
      if (c > 126) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
