package dev.dropdx.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dropdx.history.HistoryStore;
import dev.dropdx.trust.PathTrust;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 4: without H2's AUTO_SERVER (a TCP listener), a second process waits while
 * another holds the history file and then gets in; it gives up, naming the reason, after its
 * bounded wait. And the history keeps no LOBs (the cause of the LobStorageMap assertion after a
 * kill -9): every text column is CHARACTER VARYING, also after migrating an older file.
 */
class DropdxDatabaseSharingTest {
  @TempDir Path dataDir;

  private Process holder(long millis) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), HoldDatabaseMain.class.getName(), dataDir.toString(),
        Long.toString(millis)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("the other process opened the history").isEqualTo("held");
    return p;
  }

  @Test
  void aSecondProcessGivesUpAfterItsBoundedWaitOrGetsInWhenTheHolderLetsGo() throws Exception {
    new DropdxDatabase(dataDir.toString()).connect().close(); // migrated before the other process starts
    Process other = holder(2500);
    try {
      long start = System.nanoTime();
      DropdxDatabase impatient = new DropdxDatabase(dataDir.toString(), new PathTrust(), 300);
      assertThatThrownBy(impatient::connect).isInstanceOf(DatabaseException.class)
          .hasMessageContaining("another dropdx process held the history for more than 300 ms");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2400L);

      HistoryStore store = new HistoryStore(new DropdxDatabase(dataDir.toString()));
      long id = store.record("h", "t", "diagnosed", List.of("rp-filter"), "[]", "{}");
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(other.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).isZero();
      assertThat(store.find(id)).isPresent();
      // it really was held: the write got in only after the other process let go
      assertThat(waitedMillis).as("waited for the other process").isGreaterThan(1000);
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theHistoryHasNoLobColumnsAndHoldsBundlesOfManyMegabytes() throws Exception {
    DropdxDatabase db = new DropdxDatabase(dataDir.toString());
    HistoryStore store = new HistoryStore(db);
    String big = "{\"pad\": \"" + "0123456789abcdef".repeat(3 * 1024 * 1024 / 16) + "\"}"; // 3 MiB: above H2 1.x's VARCHAR limit
    long id = store.record("h", "t", "diagnosed", List.of("rp-filter"), "[]", big);
    assertThat(store.find(id)).hasValueSatisfying(s -> assertThat(s.bundleJson()).isEqualTo(big));
    try (Connection c = db.connect()) {
      assertThat(lobColumns(c)).isEmpty();
      assertThat(lobEntries(c)).as("nothing in H2's LOB store").isZero();
    }
  }

  @Test
  void anOlderHistoryWithClobColumnsIsMigratedWithItsRecordsIntact() throws Exception {
    String url = "jdbc:h2:file:" + dataDir.resolve("dropdx").toAbsolutePath();
    Flyway.configure().dataSource(url, "dropdx", "").locations("classpath:db/migration").target("2").load().migrate();
    String bundle = "{\"pad\": \"" + "x".repeat(100_000) + "\"}";
    try (Connection c = DriverManager.getConnection(url, "dropdx", "")) {
      assertThat(lobColumns(c)).contains("DIAGNOSIS.BUNDLE", "DIAGNOSIS.TRAIL"); // the old schema, as shipped
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnosis (created_at, host, target, verdict, causes, trail, bundle)"
          + " VALUES (CURRENT_TIMESTAMP, 'h', 't', 'diagnosed', 'rp-filter', '[]', ?)")) {
        ps.setString(1, bundle);
        ps.executeUpdate();
      }
      assertThat(lobEntries(c)).as("the old schema kept the bundle in H2's LOB store").isPositive();
    }
    DropdxDatabase db = new DropdxDatabase(dataDir.toString());
    assertThat(new HistoryStore(db).find(1)).hasValueSatisfying(s -> assertThat(s.bundleJson()).isEqualTo(bundle));
    try (Connection c = db.connect()) {
      assertThat(lobColumns(c)).isEmpty();
    }
  }

  private static List<String> lobColumns(Connection c) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"
            + " AND DATA_TYPE IN ('CHARACTER LARGE OBJECT', 'BINARY LARGE OBJECT')")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "." + rs.getString(2));
      }
    }
    return out;
  }

  /** Entries in H2's LOB maps, read from the store under the SQL layer. */
  private static long lobEntries(Connection c) throws Exception {
    var session = (org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession();
    var mv = session.getDatabase().getStore().getMvStore();
    long n = 0;
    for (String name : List.of("lobMap", "tempLobMap", "lobRef")) {
      if (mv.hasMap(name)) {
        n += mv.openMap(name).sizeAsLong();
      }
    }
    return n;
  }
}
