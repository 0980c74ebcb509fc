package dev.dropdx.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.ProbeCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** The shipped rules, knowledge base and probe catalog agree: what every start checks. */
class BuiltInRulesCheckTest {

  @Test
  void theBuiltInRulesPassTheCrossChecksAgainstTheRealProbeCatalog() throws IOException {
    Set<String> probes;
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
      context.scan("dev.dropdx.probe", "dev.dropdx.config", "dev.dropdx.trust");
      context.refresh();
      probes = context.getBean(ProbeCatalog.class).ids();
    }
    assertThat(probes).contains("sysctl", "route", "drop-watch");
    KnowledgeCrossCheck check = new KnowledgeCrossCheck(Path.of("knowledge-base"), JsonMapper.builder().build(), () -> probes);
    assertThat(check.check(sources(Path.of("rules")), List.of(Path.of("rules")))).isEmpty();
    // The documented team example too, with its own knowledge-base/ beside its rules.
    Path team = Path.of("examples/team-mark-policy");
    List<RuleSource> both = new java.util.ArrayList<>(sources(Path.of("rules")));
    sources(team).forEach(s -> both.add(new RuleSource(s.file(), 2, s.resource(), s.text())));
    assertThat(check.check(both, List.of(Path.of("rules"), team))).isEmpty();
  }

  @Test
  void theCheckSeesEveryConclusionOfTheShippedRulesAndTheFunctionThatBindsIt() throws IOException {
    List<DrlOutline.Conclusion> all = sources(Path.of("rules")).stream().flatMap(s -> new DrlOutline(s.text()).conclusions.stream()).toList();
    assertThat(all).extracting(DrlOutline.Conclusion::cause).containsOnly("rp-filter", "multicast-not-joined", "gre-version-set",
        "gre-no-handler", "vxlan-underlay-no-route", "accept-local", "no-socket", "netfilter-drop", "ip-checksum",
        "socket-rcvbuf-full", "backlog-full", "no-route-input", "no-route-output", "neighbour-unresolved", "conntrack-invalid",
        "conntrack-table-full", "l4-checksum", "vxlan-vni-mismatch", "socket-filter", "xfrm-policy", "listen-queue-full",
        "forwarding-disabled", "ttl-expired", "route-localnet", "tc-filter-drop", "qdisc-drop", "mtu-too-big", "xdp-drop",
        "wrong-destination-mac", "bridge-port-blocked", "ipv6-disabled");
    assertThat(all).hasSizeGreaterThanOrEqualTo(20).allSatisfy(c -> assertThat(c.bindingsFunction()).as(c.rule()).isNotNull());
    assertThat(all.stream().map(DrlOutline.Conclusion::cause).distinct()).hasSize(31);
  }

  @Test
  void everyCauseFolderHoldsOnePackageNamedAfterItsCause() throws IOException {
    for (RuleSource s : sources(Path.of("rules"))) {
      String folder = s.file().getParent().getFileName().toString();
      assertThat(new DrlOutline(s.text()).packageName).as(s.file().toString()).isEqualTo(folder.replace('-', '_'));
    }
  }

  static List<RuleSource> sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".drl")).sorted()
          .map(f -> new RuleSource(f, 1, f.toString(), read(f))).toList();
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
