package dev.dropdx.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.evidence.BundleCodec;
import dev.dropdx.support.SharedLabWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The batch's pipeline: files read ahead on the calling thread, diagnosed on the pool, results in file order. */
class BatchDiagnoserTest {
  private static final List<String> RECORDED = List.of("rp-filter", "gre-version-set-1s", "no-socket-1s", "ttl-expired-1s", "xfrm-policy-1s");
  @RegisterExtension
  static final SharedLabWiring WIRING = new SharedLabWiring();
  private final BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 60);

  @Test
  void resultsComeInFileOrderWithAnyNumberOfThreadsAndBadFilesInTheirPlace(@TempDir Path dir) throws Exception {
    // More files than the read-ahead window of two threads, of five different bundles (different verdicts and causes),
    // with damaged bundles and host status files among them.
    int files = 2 * BatchDiagnoser.READ_AHEAD * 2 + 7;
    for (int i = 0; i < files; i++) {
      Path src = Path.of("src/test/resources/bundles/" + RECORDED.get(i % RECORDED.size()) + ".json");
      String name = String.format("f%03d", i);
      if (i % 11 == 3) {
        Files.writeString(dir.resolve(name + ".json"), Files.readString(src).substring(0, 300)); // truncated
      } else if (i % 17 == 5) {
        Files.writeString(dir.resolve(name + ".status.json"),
            "{\"dropdx-host-status\": 1, \"host\": \"h" + i + "\", \"status\": \"unreachable\", \"message\": \"no route\"}");
      } else {
        Files.copy(src, dir.resolve(name + ".json"));
      }
    }
    List<BatchResult> oneThread = results(1, dir);
    List<BatchResult> threeThreads = results(3, dir);

    List<Path> expanded = new BatchDiagnoser(codec, WIRING.get().engine, 1).expand(List.of(dir));
    assertThat(expanded).hasSize(files);
    assertThat(oneThread).extracting(BatchResult::file).containsExactlyElementsOf(expanded.stream().map(Path::toString).toList());
    assertThat(threeThreads).containsExactlyElementsOf(oneThread);
    for (int i = 0; i < files; i++) {
      BatchResult r = threeThreads.get(i);
      if (i % 11 == 3) {
        assertThat(r.verdict()).isEqualTo("error");
        assertThat(r.error()).contains(String.format("f%03d.json", i));
      } else if (i % 17 == 5) {
        assertThat(r.verdict()).isEqualTo("unreachable");
        assertThat(r.host()).isEqualTo("h" + i);
      } else {
        assertThat(r.error()).isNull();
        assertThat(r.verdict()).isIn("diagnosed", "inconclusive", "no-drops");
      }
    }
    // The five bundles do not all say the same, so an out-of-order result would show.
    assertThat(threeThreads.stream().map(BatchResult::group).distinct().count()).isGreaterThan(3);
  }

  private List<BatchResult> results(int threads, Path dir) {
    BatchDiagnoser batch = new BatchDiagnoser(codec, WIRING.get().engine, threads);
    List<BatchResult> results = new ArrayList<>();
    batch.run(batch.expand(List.of(dir)), options, results::add);
    return results;
  }
}
