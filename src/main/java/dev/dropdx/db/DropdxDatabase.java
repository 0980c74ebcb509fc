package dev.dropdx.db;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 database history and the knowledge index share, in file mode under the data directory ({@code dropdx.data-dir},
 * default ~/.local/share/dropdx). Opened and migrated on first use, so commands that never touch
 * history start without it. AUTO_SERVER lets a second dropdx process on the host share the file
 * instead of failing on its lock.
 */
@Component
public class DropdxDatabase {
  private final Path dataDir;
  private volatile boolean migrated;

  public DropdxDatabase(@Value("${dropdx.data-dir:${user.home}/.local/share/dropdx}") String dataDir) {
    this.dataDir = Path.of(dataDir);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A new connection (auto-commit on); the caller closes it. */
  public Connection connect() {
    migrate();
    try {
      return DriverManager.getConnection(url(), "dropdx", "");
    } catch (SQLException e) {
      throw new DatabaseException("cannot open the history database in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private String url() {
    // WRITE_DELAY=0: a commit reaches the file before it returns. With H2's default (500 ms) a
    // kill -9 right after a commit lost that record (HistoryCrashTest, round 0).
    return "jdbc:h2:file:" + dataDir.resolve("dropdx").toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  private synchronized void migrate() {
    if (migrated) {
      return;
    }
    try {
      Files.createDirectories(dataDir);
      // Two dropdx processes starting together would both create the schema: the second waits for
      // the first on a file lock, then finds the schema migrated.
      try (FileChannel lock = FileChannel.open(dataDir.resolve("migrate.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = lock.lock()) {
        if (schemaIsCurrent()) {
          migrated = true;
          return;
        }
        Flyway.configure().dataSource(url(), "dropdx", "").locations("classpath:db/migration").load().migrate();
      }
    } catch (java.io.IOException | RuntimeException e) {
      throw new DatabaseException("cannot prepare the history database in " + dataDir
          + " (set dropdx.data-dir to a writable directory): " + e.getMessage(), e);
    }
    migrated = true;
  }

  /**
   * True when every migration on the class path is already applied (the usual start): Flyway
   * then has nothing to do, and loading and running it costs a large share of a short command.
   */
  private boolean schemaIsCurrent() {
    if (!Files.exists(dataDir.resolve("dropdx.mv.db"))) {
      return false;
    }
    Set<String> applied = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url(), "dropdx", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select \"script\" from \"flyway_schema_history\" where \"success\"")) {
      while (rs.next()) {
        applied.add(rs.getString(1));
      }
    } catch (SQLException e) {
      return false; // no history table yet, or unreadable: let Flyway decide
    }
    try {
      Resource[] scripts = new PathMatchingResourcePatternResolver(DropdxDatabase.class.getClassLoader())
          .getResources("classpath*:db/migration/*.sql");
      return scripts.length > 0 && Arrays.stream(scripts).allMatch(r -> applied.contains(r.getFilename()));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
