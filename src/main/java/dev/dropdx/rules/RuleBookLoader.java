package dev.dropdx.rules;

import dev.dropdx.probe.team.TeamProbeFile;
import dev.dropdx.trust.PathTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Compiles every {@code *.drl} under the given directories (in order; a later directory's rule
 * with the same package and name as an earlier one replaces it). Any ERROR message refuses the
 * whole book, naming file and line, and so does any problem a {@link RuleBookCheck} finds. With a {@link RuleBookCache}, a book whose files, Drools and
 * dropdx build are unchanged since it last compiled cleanly is read back instead of compiled.
 */
@Component
public class RuleBookLoader {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*;?");
  private final AtomicInteger builds = new AtomicInteger();
  private final RuleBookCache cache;
  private final List<RuleBookCheck> checks;
  private final PathTrust trust;
  /** This build's identity for remembering passed checks; empty: they run at every load. */
  private final Optional<String> build;

  /** A loader that always compiles and checks nothing beyond compiling (tests, tools). */
  public RuleBookLoader() {
    this(null);
  }

  /** A loader that reuses compiled rules from the cache when the rule files are unchanged. */
  public RuleBookLoader(RuleBookCache cache) {
    this(cache, List.of());
  }

  /** A loader that also runs the checks on every load; any problem they find refuses the book. */
  public RuleBookLoader(RuleBookCache cache, List<RuleBookCheck> checks) {
    this(cache, checks, new PathTrust());
  }

  /**
   * A loader that refuses, before reading any file, a rules directory a stranger could change
   * (a DRL consequence is Java that runs as root).
   */
  @Autowired
  public RuleBookLoader(RuleBookCache cache, List<RuleBookCheck> checks, PathTrust trust) {
    this(cache, checks, trust, RuleBookCheckMemo.buildOf(RuleBookLoader.class));
  }

  /**
   * As above, with the build's identity given (tests: classes from a directory have none, so
   * passed checks are remembered only with one given).
   */
  RuleBookLoader(RuleBookCache cache, List<RuleBookCheck> checks, PathTrust trust, Optional<String> build) {
    this.cache = cache;
    this.checks = List.copyOf(checks);
    this.trust = trust;
    this.build = build;
  }

  /** Loads and compiles; throws {@link RuleBookException} on a missing directory or any error. */
  public RuleBook load(List<Path> directories) {
    if (directories.isEmpty()) {
      throw new RuleBookException("no rules directory given", List.of());
    }
    List<RuleSource> sources = new ArrayList<>();
    int index = 0;
    for (Path dir : directories) {
      if (!Files.isDirectory(dir)) {
        throw new RuleBookException("rules directory " + dir + " does not exist (set --rules or dropdx.rules.dirs)", List.of());
      }
      trust.requireTrusted(dir, "rules directory");
    }
    // A team's probes are refused like its rules: any problem, with file and line, refuses the book.
    TeamProbeFile.Loaded teamProbes = TeamProbeFile.load(directories, trust);
    for (Path dir : directories) {
      index++;
      for (Path file : drlFiles(dir)) {
        String text = read(file);
        // Drools wants the folder to match the DRL package; the directory index keeps equal names apart.
        String flat = dir.relativize(file).toString().replace('\\', '/').replace('/', '_');
        sources.add(new RuleSource(file, index, packageFolder(text) + "d" + index + "_" + flat, text));
      }
    }
    if (sources.isEmpty()) {
      throw new RuleBookException("no .drl files found in " + directories, List.of());
    }
    Map<String, String> diskPathOf = new HashMap<>();
    Map<String, Integer> dirIndexOf = new HashMap<>();
    for (RuleSource source : sources) {
      diskPathOf.put(source.resource(), source.file().toString());
      dirIndexOf.put(source.file().toString(), source.dirIndex());
    }
    ClassLoader loader = RuleBookLoader.class.getClassLoader();
    String key = cache == null ? null : RuleBookKey.of(sources);
    KieBase kieBase = key == null ? null : cache.read(key, loader, rulePackages(sources)).orElse(null);
    boolean cached = kieBase != null;
    if (!cached) {
      kieBase = compile(sources, diskPathOf, loader);
      if (key != null) {
        cache.write(key, kieBase.getKiePackages());
      }
    }
    List<RuleInfo> rules = new ArrayList<>();
    for (KiePackage pkg : kieBase.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        rules.add(new RuleInfo(rule.getName(), pkg.getName(), fileOf(rule, diskPathOf)));
      }
    }
    List<RuleProblem> problems = new ArrayList<>();
    teamProbes.problems().forEach(p -> problems.add(new RuleProblem(p.file(), p.line(), p.message())));
    runChecks(sources, directories, problems);
    if (!problems.isEmpty()) {
      throw new RuleBookException("the rules do not agree with the knowledge base or the probes; no diagnosis runs on them", problems);
    }
    rules = overrideByName(kieBase, rules, dirIndexOf);
    rules.sort(java.util.Comparator.comparing(RuleInfo::file).thenComparing(RuleInfo::name));
    return new RuleBook(kieBase, rules, directories.stream().map(Path::toString).toList(), cached, teamProbes.probes());
  }

  /**
   * Runs the checks, or skips them when they passed before on the same inputs (remembered in the
   * cache: {@link RuleBookCheckMemo}); a pass is remembered, a problem never.
   */
  private void runChecks(List<RuleSource> sources, List<Path> directories, List<RuleProblem> problems) {
    if (checks.isEmpty()) {
      return;
    }
    Optional<String> key = cache == null ? Optional.empty() : RuleBookCheckMemo.key(sources, directories, checks, build);
    if (key.isPresent() && cache.checksPassed(key.get())) {
      return;
    }
    List<RuleProblem> found = new ArrayList<>();
    for (RuleBookCheck check : checks) {
      found.addAll(check.check(sources, directories));
    }
    if (found.isEmpty() && key.isPresent()) {
      cache.rememberChecksPassed(key.get());
    }
    problems.addAll(found);
  }

  /** Compiles the DRL; any ERROR refuses the whole book, naming file and line. */
  private KieBase compile(List<RuleSource> sources, Map<String, String> diskPathOf, ClassLoader loader) {
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    for (RuleSource source : sources) {
      kfs.write("src/main/resources/" + source.resource(), source.text());
    }
    ReleaseId releaseId = ks.newReleaseId("dev.dropdx", "rules", "1.0." + builds.incrementAndGet());
    kfs.generateAndWritePomXML(releaseId);
    KieBuilder builder = ks.newKieBuilder(kfs, loader).buildAll();
    List<RuleProblem> problems = new ArrayList<>();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      String path = m.getPath() == null ? "?" : diskPathOf.getOrDefault(m.getPath(), m.getPath());
      problems.add(new RuleProblem(path, m.getLine(), m.getText().strip().replaceAll("\\s+", " ")));
    }
    if (!problems.isEmpty()) {
      throw new RuleBookException("the rules do not compile; no diagnosis runs on broken rules", problems);
    }
    KieContainer container = ks.newKieContainer(releaseId, loader);
    return container.newKieBase(configuration(loader));
  }

  /**
   * The knowledge-base options every book is built with (compiled or read from the cache). Alpha
   * nodes are not shared between rules: with sharing, Drools 10.2 silently never matched some
   * rules once the book held a certain mix of packages (measured: the old-kernel vxlan and GRE
   * chains beside multicast-not-joined's, OldKernelRulesTest; earlier gre-no-handler).
   */
  static KieBaseConfiguration configuration(ClassLoader loader) {
    KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
    conf.setProperty("drools.shareBetaNodes", "false");
    return conf;
  }

  /**
   * A rule named like a rule of an earlier directory replaces it (teams override built-ins by
   * name, from their own package): the earlier one is removed from the knowledge base.
   */
  private static List<RuleInfo> overrideByName(org.kie.api.KieBase kieBase, List<RuleInfo> rules, Map<String, Integer> dirIndexOf) {
    Map<String, RuleInfo> winner = new HashMap<>();
    for (RuleInfo r : rules) {
      RuleInfo current = winner.get(r.name());
      if (current == null || dirIndexOf.getOrDefault(r.file(), 0) > dirIndexOf.getOrDefault(current.file(), 0)) {
        winner.put(r.name(), r);
      }
    }
    List<RuleInfo> kept = new ArrayList<>();
    for (RuleInfo r : rules) {
      if (winner.get(r.name()) == r) {
        kept.add(r);
      } else {
        kieBase.removeRule(r.packageName(), r.name());
      }
    }
    return kept;
  }

  private static String fileOf(Rule rule, Map<String, String> diskPathOf) {
    Object resource = rule.getMetaData().get("resource");
    if (rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getResource() != null) {
      String source = impl.getResource().getSourcePath();
      return diskPathOf.getOrDefault(source, source);
    }
    return resource == null ? "?" : resource.toString();
  }

  /** The DRL packages of the sources: the only non-library classes a cache entry may hold. */
  private static java.util.Set<String> rulePackages(List<RuleSource> sources) {
    java.util.Set<String> packages = new java.util.HashSet<>();
    for (RuleSource source : sources) {
      Matcher m = PACKAGE.matcher(source.text());
      if (m.find()) {
        packages.add(m.group(1));
      }
    }
    return packages;
  }

  private static String packageFolder(String drl) {
    Matcher m = PACKAGE.matcher(drl);
    return m.find() ? m.group(1).replace('.', '/') + "/" : "";
  }

  private static List<Path> drlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".drl") && Files.isRegularFile(f)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list rules in " + dir, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + file, e);
    }
  }
}
