package dev.dropdx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.probe.host.DropReasonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ReasonCatalogTest {
  private static final Path SHIPPED = Path.of("knowledge-base/reasons");
  private final JsonMapper json = JsonMapper.builder().build();

  private Set<String> shippedCauses() {
    return KnowledgeBase.load(Path.of("knowledge-base"), json).all().stream().map(CauseEntry::id).collect(Collectors.toSet());
  }

  private ReasonCatalog shipped() {
    return ReasonCatalog.load(SHIPPED, shippedCauses(), json);
  }

  private static Collection<String> recorded618() throws Exception {
    return DropReasonFormat.parse(Files.readString(Path.of("src/test/resources/recorded/kfree_skb-format-6.18.txt"))).values();
  }

  @Test
  void everyReasonOfTheRecorded618FormatHasAPage() throws Exception {
    ReasonCatalog catalog = shipped();
    Collection<String> reasons = recorded618();
    assertThat(reasons).hasSize(127).contains("IP_INHDR", "TC_INGRESS", "PKT_TOO_BIG", "NEIGH_FAILED");
    assertThat(catalog.missing(reasons)).isEmpty();
  }

  @Test
  void everyReasonOfTheRecorded61844FormatHasAPageIncludingItsOwnAddition() throws Exception {
    // this host's later 6.18 build names one more reason than the first recording (SKB_RX_HEADROOM)
    Collection<String> reasons = DropReasonFormat.parse(Files.readString(Path.of("src/test/resources/recorded/kfree_skb-format-6.18.44.txt"))).values();
    assertThat(reasons).hasSize(128).contains("SKB_RX_HEADROOM");
    assertThat(shipped().missing(reasons)).isEmpty();
  }

  @Test
  void aPageForAReasonThe618KernelLacksSaysWhichKernelsHaveIt() throws Exception {
    Collection<String> reasons = recorded618();
    assertThat(shipped().all()).filteredOn(p -> !reasons.contains(p.reason()))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.kernels()).as(p.reason()).isNotBlank());
  }

  @Test
  void pagesNameTheCausesThatProveThemAndEachCauseIsKnownOrPlanned() {
    ReasonCatalog catalog = shipped();
    Set<String> causes = shippedCauses();
    assertThat(catalog.find("IP_RPFILTER")).hasValueSatisfying(p -> assertThat(p.causes()).contains("rp-filter"));
    assertThat(catalog.find("IP_INHDR")).hasValueSatisfying(p -> {
      assertThat(p.family()).isEqualTo("ip-header");
      assertThat(p.counters()).contains("IpInHdrErrors");
      assertThat(p.causes()).contains("ttl-expired");
    });
    assertThat(catalog.all()).allSatisfy(p -> {
      assertThat(catalog.families()).containsKey(p.family());
      assertThat(p.checks()).isNotEmpty();
      p.causes().forEach(c -> assertThat(causes.contains(c) || catalog.isPlanned(c)).as(p.reason() + " -> " + c).isTrue());
    });
    assertThat(catalog.isPlanned("rp-filter")).isFalse();
  }

  @Test
  void theCausesEntriesAgreeWithThePagesOfTheirReasons() {
    // a cause entry that lists a reason must be among the causes that reason's page names
    ReasonCatalog catalog = shipped();
    KnowledgeBase.load(Path.of("knowledge-base"), json).all().forEach(e -> e.reasons().forEach(r ->
        assertThat(catalog.find(r)).as(e.id() + " lists " + r).hasValueSatisfying(p -> assertThat(p.causes()).contains(e.id()))));
  }

  @Test
  void aReasonTheCatalogLacksGetsTheFallbackPageThatSaysSo() {
    ReasonCatalog catalog = shipped();
    ReasonPage page = catalog.pageOrFallback("SKB_DROP_REASON_FROM_A_NEWER_KERNEL");
    assertThat(ReasonCatalog.isFallback(page)).isTrue();
    assertThat(page.reason()).isEqualTo("FROM_A_NEWER_KERNEL");
    assertThat(page.title()).contains("no page");
    assertThat(page.meaning()).contains("FROM_A_NEWER_KERNEL");
    assertThat(page.checks()).anySatisfy(c -> assertThat(c).contains("kfree_skb/format").contains("FROM_A_NEWER_KERNEL"))
        .anySatisfy(c -> assertThat(c).contains("nstat"));
    assertThat(page.causes()).isEmpty();
    assertThat(ReasonCatalog.isFallback(catalog.pageOrFallback("ip_inhdr"))).isFalse();
  }

  @Test
  void searchFindsPagesByWord() {
    assertThat(shipped().search("rp_filter")).extracting(ReasonPage::reason).contains("IP_RPFILTER");
    assertThat(shipped().search("no such words anywhere")).isEmpty();
  }

  @Test
  void aPageWithoutARequiredFieldIsRefusedWithItsFile(@TempDir Path dir) throws Exception {
    catalogFile(dir);
    Files.writeString(dir.resolve("IP_INHDR.json"), "{\"reason\":\"IP_INHDR\",\"family\":\"ip-header\",\"title\":\"t\","
        + "\"counters\":[],\"checks\":[\"c\"],\"causes\":[]}");
    assertThatThrownBy(() -> ReasonCatalog.load(dir, Set.of(), json)).isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining("IP_INHDR.json").hasMessageContaining("'meaning' is required");
  }

  @Test
  void aPageWhoseReasonIsNotItsFileNameIsRefused(@TempDir Path dir) throws Exception {
    catalogFile(dir);
    Files.writeString(dir.resolve("IP_CSUM.json"), page("IP_INHDR", "ip-header", "[]", "c"));
    assertThatThrownBy(() -> ReasonCatalog.load(dir, Set.of(), json)).isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining("IP_CSUM.json").hasMessageContaining("must equal the file name");
  }

  @Test
  void aPageNamingAnUnknownCauseIsRefused(@TempDir Path dir) throws Exception {
    catalogFile(dir);
    Files.writeString(dir.resolve("IP_INHDR.json"), page("IP_INHDR", "ip-header", "[\"ttl-expired\",\"no-such-cause\"]", "c"));
    assertThatThrownBy(() -> ReasonCatalog.load(dir, Set.of("rp-filter"), json)).isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining("IP_INHDR.json: unknown cause 'no-such-cause'").message().doesNotContain("'ttl-expired'");
  }

  @Test
  void unknownFamiliesPlaceholdersAndFieldsAreRefusedAndAllProblemsAreReportedTogether(@TempDir Path dir) throws Exception {
    catalogFile(dir);
    Files.writeString(dir.resolve("A_REASON.json"), page("A_REASON", "no-such-family", "[]", "c"));
    Files.writeString(dir.resolve("B_REASON.json"), page("B_REASON", "ip-header", "[]", "{nsExec}ping {gateway}"));
    Files.writeString(dir.resolve("C_REASON.json"), page("C_REASON", "ip-header", "[]", "c").replace("{", "{\"counter\":[],"));
    assertThatThrownBy(() -> ReasonCatalog.load(dir, Set.of(), json)).isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining("A_REASON.json: unknown family 'no-such-family'")
        .hasMessageContaining("B_REASON.json: unknown placeholder {gateway}")
        .hasMessageContaining("C_REASON.json: unknown field 'counter'");
  }

  @Test
  void aGoodPageLoadsAndPlannedCausesAreMarked(@TempDir Path dir) throws Exception {
    catalogFile(dir);
    Files.writeString(dir.resolve("IP_INHDR.json"), page("IP_INHDR", "ip-header", "[\"ttl-expired\",\"rp-filter\"]", "{ipNetns} route get {dst}"));
    ReasonCatalog catalog = ReasonCatalog.load(dir, Set.of("rp-filter"), json);
    assertThat(catalog.all()).extracting(ReasonPage::reason).containsExactly("IP_INHDR");
    assertThat(catalog.isPlanned("ttl-expired")).isTrue();
    assertThat(catalog.isPlanned("rp-filter")).isFalse();
    // once the planned cause has its knowledge-base entry it is a cause like the others
    assertThat(ReasonCatalog.load(dir, Set.of("rp-filter", "ttl-expired"), json).isPlanned("ttl-expired")).isFalse();
  }

  @Test
  void aPageListsItsNormalFreesAndEachNeedsAFunctionAndAWhy(@TempDir Path dir) throws Exception {
    catalogFile(dir);
    Files.writeString(dir.resolve("IP_INHDR.json"), page("IP_INHDR", "ip-header", "[]", "c")
        .replace("{", "{\"normalFrees\":[{\"function\":\"ip_quiet\",\"why\":\"w\"}],"));
    ReasonPage p = ReasonCatalog.load(dir, Set.of(), json).find("IP_INHDR").orElseThrow();
    assertThat(p.normalFreeAt("ip_quiet")).contains(new NormalFree("ip_quiet", "w"));
    assertThat(p.normalFreeAt("ip_quiet.cold")).isPresent();
    assertThat(p.normalFreeAt("ip_quieter")).isEmpty();
    assertThat(p.normalFreeAt("ip_rcv")).isEmpty();
    Files.writeString(dir.resolve("IP_INHDR.json"), page("IP_INHDR", "ip-header", "[]", "c")
        .replace("{", "{\"normalFrees\":[{\"function\":\"ip_quiet\"}],"));
    assertThatThrownBy(() -> ReasonCatalog.load(dir, Set.of(), json)).isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining("IP_INHDR.json: each normal free needs a function and a why");
    // The shipped catalog: ping's echo replies at ping_rcv (NO_SOCKET) and IPv6 chatter at ip6_mc_input (NOT_SPECIFIED).
    assertThat(shipped().all()).filteredOn(page -> !page.normalFrees().isEmpty()).extracting(ReasonPage::reason)
        .containsExactlyInAnyOrder("NO_SOCKET", "NOT_SPECIFIED");
    assertThat(shipped().pageOrFallback("NO_SOCKET").normalFreeAt("ping_rcv")).isPresent();
    assertThat(shipped().pageOrFallback("NO_SOCKET").normalFreeAt("ping_rcv", 1)).isPresent();
  }

  @Test
  void aNormalFreeCanBeLimitedToProtocols(@TempDir Path dir) throws Exception {
    catalogFile(dir);
    Files.writeString(dir.resolve("IP_INHDR.json"), page("IP_INHDR", "ip-header", "[]", "c")
        .replace("{", "{\"normalFrees\":[{\"function\":\"ip6_mc_input\",\"protocols\":[58],\"why\":\"w\"}],"));
    ReasonPage p = ReasonCatalog.load(dir, Set.of(), json).find("IP_INHDR").orElseThrow();
    assertThat(p.normalFreeAt("ip6_mc_input", 58)).isPresent();
    assertThat(p.normalFreeAt("ip6_mc_input", 89)).as("OSPFv3 hellos there are the multicast-not-joined case").isEmpty();
    assertThat(p.normalFreeAt("ip6_mc_input", -1)).isEmpty();
    assertThat(p.normalFreeAt("ip6_mc_input")).as("not a free for any protocol").isEmpty();
    Files.writeString(dir.resolve("IP_INHDR.json"), page("IP_INHDR", "ip-header", "[]", "c")
        .replace("{", "{\"normalFrees\":[{\"function\":\"ip6_mc_input\",\"protocols\":[300],\"why\":\"w\"}],"));
    assertThatThrownBy(() -> ReasonCatalog.load(dir, Set.of(), json)).isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining("IP_INHDR.json: a normal free's protocols are IP protocol numbers, 0 to 255");
    // The shipped page: ICMPv6 chatter at ip6_mc_input is normal, an OSPFv3 hello there is not.
    ReasonPage notSpecified = shipped().pageOrFallback("NOT_SPECIFIED");
    assertThat(notSpecified.normalFreeAt("ip6_mc_input", 58)).isPresent();
    assertThat(notSpecified.normalFreeAt("ip6_mc_input", 89)).isEmpty();
  }

  @Test
  void aMissingCatalogFileIsReported(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("IP_INHDR.json"), page("IP_INHDR", "ip-header", "[]", "c"));
    assertThatThrownBy(() -> ReasonCatalog.load(dir, Set.of(), json)).isInstanceOf(KnowledgeBaseException.class)
        .hasMessageContaining("_catalog.json: missing");
  }

  private static void catalogFile(Path dir) throws Exception {
    Files.writeString(dir.resolve(ReasonCatalog.CATALOG_FILE), "{\"families\":{\"ip-header\":\"IP header checks\"},"
        + "\"plannedCauses\":[\"ttl-expired\"],"
        + "\"fallback\":{\"title\":\"{reason}: no page\",\"meaning\":\"none for {reason}\",\"checks\":[\"{nsExec}nstat -az\"]}}");
  }

  private static String page(String reason, String family, String causes, String check) {
    return "{\"reason\":\"" + reason + "\",\"family\":\"" + family + "\",\"title\":\"t\",\"meaning\":\"m\",\"counters\":[],"
        + "\"checks\":[\"" + check + "\"],\"causes\":" + causes + "}";
  }
}
