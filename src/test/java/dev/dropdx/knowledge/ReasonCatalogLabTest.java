package dev.dropdx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.probe.host.DropReasonFormat;
import dev.dropdx.support.LabTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The running kernel's own list of drop reasons, read from its tracepoint format: each has a page. */
@LabTest
class ReasonCatalogLabTest {
  private static final Path TRACEFS = Path.of("/sys/kernel/tracing");

  @Test
  void everyReasonOfTheRunningKernelHasAPage() throws Exception {
    mountTracefsIfAbsent();
    Path format = TRACEFS.resolve("events/skb/kfree_skb/format");
    assertThat(format).as("kfree_skb tracepoint format").exists();
    Collection<String> reasons = DropReasonFormat.parse(Files.readString(format)).values();
    JsonMapper json = JsonMapper.builder().build();
    ReasonCatalog catalog = ReasonCatalog.load(Path.of("knowledge-base/reasons"),
        KnowledgeBase.load(Path.of("knowledge-base"), json).all().stream().map(CauseEntry::id).collect(Collectors.toSet()), json);
    assertThat(reasons).as("this kernel names its drop reasons (5.17 and later)").isNotEmpty();
    assertThat(catalog.missing(reasons)).as("reasons of this kernel without a page in knowledge-base/reasons").isEmpty();
  }

  /** As dropdx does on a fresh machine: mount tracefs when it is absent, and leave it mounted. */
  private static void mountTracefsIfAbsent() throws Exception {
    if (!Files.isDirectory(TRACEFS.resolve("events"))) {
      Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", TRACEFS.toString()).redirectErrorStream(true).start();
      assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
  }
}
