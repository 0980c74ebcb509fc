package dev.dropdx.history;

import dev.dropdx.db.DropdxDatabase;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryStoreTest {

  @Test
  void recordsListsFiltersAndFinds(@TempDir Path dir) {
    HistoryStore store = new HistoryStore(new DropdxDatabase(dir.toString()));
    long a = store.record("h1", "src=198.18.2.1", "diagnosed", List.of("rp-filter"), "[]", "{\"dropdx-bundle\":1}");
    long b = store.record("h1", "src=198.18.2.2", "no-drops", List.of(), "[]", "{}");
    long c = store.record("h1", "dst=224.0.0.5", "diagnosed", List.of("multicast-not-joined", "rp-filter"), "[]", "{}");
    assertThat(store.list(new HistoryFilter(null, null, null, 50))).extracting(HistoryRecord::id).containsExactly(c, b, a);
    assertThat(store.list(new HistoryFilter("rp-filter", null, null, 50))).extracting(HistoryRecord::id).containsExactly(c, a);
    assertThat(store.list(new HistoryFilter(null, null, "no-drops", 50))).extracting(HistoryRecord::id).containsExactly(b);
    assertThat(store.list(new HistoryFilter(null, OffsetDateTime.now().plusDays(1), null, 50))).isEmpty();
    assertThat(store.find(a)).hasValueSatisfying(s -> assertThat(s.bundleJson()).contains("dropdx-bundle"));
    assertThat(store.earlier("h1", "rp-filter", OffsetDateTime.now().minusDays(7), c)).extracting(HistoryRecord::id).containsExactly(a);
    assertThat(store.earlier("h2", "rp-filter", OffsetDateTime.now().minusDays(7), c)).isEmpty();
  }

  @Test
  void survivesReopeningTheFile(@TempDir Path dir) {
    new HistoryStore(new DropdxDatabase(dir.toString())).record("h", "t", "diagnosed", List.of("x"), "[]", "{}");
    assertThat(new HistoryStore(new DropdxDatabase(dir.toString())).list(new HistoryFilter(null, null, null, 10))).hasSize(1);
  }
}
