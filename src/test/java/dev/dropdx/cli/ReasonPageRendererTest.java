package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.knowledge.CauseEntry;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.knowledge.ReasonCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReasonPageRendererTest {
  private final JsonMapper json = JsonMapper.builder().build();
  private final ReasonCatalog catalog = ReasonCatalog.load(Path.of("knowledge-base/reasons"),
      KnowledgeBase.load(Path.of("knowledge-base"), json).all().stream().map(CauseEntry::id).collect(Collectors.toSet()), json);
  private final ReasonPageRenderer renderer = new ReasonPageRenderer(catalog);

  private String render(BiConsumer<PrintWriter, dev.dropdx.knowledge.ReasonPage> how, String reason) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      how.accept(out, catalog.pageOrFallback(reason));
    }
    return text.toString();
  }

  @Test
  void kbShowIpInhdrPrintsThePage() {
    String out = render(renderer::show, "IP_INHDR");
    assertThat(out).startsWith("IP_INHDR: Something is wrong with the IP header")
        .contains("family:   ip-header (").contains("counters: IpInHdrErrors")
        .contains("ttl-expired").contains("TTL").contains("first checks:\n  - {nsExec}nstat -az IpInHdrErrors");
  }

  @Test
  void causesWithoutAnEntryYetAreMarkedPlanned() {
    // Every cause a page names gets its entry in time, so take one away to see the marker.
    var known = KnowledgeBase.load(Path.of("knowledge-base"), json).all().stream().map(CauseEntry::id)
        .filter(id -> !id.equals("forwarding-disabled")).collect(Collectors.toSet());
    ReasonPageRenderer withoutOne = new ReasonPageRenderer(ReasonCatalog.load(Path.of("knowledge-base/reasons"), known, json));
    assertThat(render(withoutOne::show, "IP_INADDRERRORS")).contains("forwarding-disabled (planned)").contains("no-route-input")
        .doesNotContain("no-route-input (planned)");
    assertThat(render(renderer::show, "IP_INADDRERRORS")).contains("forwarding-disabled").doesNotContain("(planned)");
  }

  @Test
  void explainPrintsTheMeaningTheChecksAndTheCauses() {
    String out = render(renderer::explain, "IP_RPFILTER");
    assertThat(out).startsWith("# IP_RPFILTER: ").contains("First checks:").contains("rp_filter")
        .contains("Causes dropdx can prove behind it: rp-filter");
  }

  @Test
  void aReasonWithoutAPageSaysSoPlainly() {
    String out = render(renderer::show, "BRAND_NEW_REASON");
    assertThat(out).startsWith("BRAND_NEW_REASON: A drop reason dropdx has no page for\n").contains("family:   unknown")
        .contains("causes:   (none yet").contains("grep -n 'BRAND_NEW_REASON' /sys/kernel/tracing/events/skb/kfree_skb/format");
  }
}
