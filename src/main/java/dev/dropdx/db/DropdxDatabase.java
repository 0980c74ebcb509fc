package dev.dropdx.db;

import dev.dropdx.trust.PathTrust;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 database history and the knowledge index share, in file mode under the data directory ({@code dropdx.data-dir},
 * default ~/.local/share/dropdx). Opened and migrated on first use, so commands that never touch
 * history start without it.
 *
 * <p>No process opens a port for another (H2's AUTO_SERVER listened on every interface while the
 * file was open, issue 17): each use holds the file only for its statement or two, and a process
 * that finds it held by another (H2's lock on the file, released by the kernel even on kill -9)
 * retries until {@code dropdx.history.busy-wait-millis} have passed.
 */
@Component
public class DropdxDatabase {
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  /** How long a use waits by default for another process to let go of the file. */
  public static final long DEFAULT_BUSY_WAIT_MILLIS = 30_000;
  private final Path dataDir;
  private final PathTrust trust;
  private final long busyWaitMillis;
  private volatile boolean migrated;

  public DropdxDatabase(String dataDir) {
    this(dataDir, new PathTrust());
  }

  /** @param trust refuses a data directory a stranger could change (the history and cache live there) */
  public DropdxDatabase(String dataDir, PathTrust trust) {
    this(dataDir, trust, DEFAULT_BUSY_WAIT_MILLIS);
  }

  /**
   * @param trust refuses a data directory a stranger could change (the history and cache live there)
   * @param busyWaitMillis how long to wait for another dropdx process that holds the file
   */
  @Autowired
  public DropdxDatabase(@Value("${dropdx.data-dir:${user.home}/.local/share/dropdx}") String dataDir, PathTrust trust,
      @Value("${dropdx.history.busy-wait-millis:" + DEFAULT_BUSY_WAIT_MILLIS + "}") long busyWaitMillis) {
    this.dataDir = Path.of(dataDir);
    this.trust = trust;
    this.busyWaitMillis = busyWaitMillis;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A new connection (auto-commit on); the caller closes it. */
  public Connection connect() {
    migrate();
    try {
      Connection c = open();
      privateFiles();
      return c;
    } catch (SQLException e) {
      throw new DatabaseException("cannot open the history database in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the file, waiting while another process holds it. H2 refuses a second process at once
   * (DATABASE_ALREADY_OPEN) and the holder lets go when its last connection closes, so a short
   * back-off loop is all the coordination needed; the wait is bounded so a hung holder is named.
   */
  private Connection open() throws SQLException {
    long deadline = System.nanoTime() + busyWaitMillis * 1_000_000L;
    long pause = 5;
    while (true) {
      try {
        return DriverManager.getConnection(url(), "dropdx", "");
      } catch (SQLException e) {
        if (e.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1 || System.nanoTime() > deadline) {
          throw e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
              ? new SQLException("another dropdx process held the history for more than " + busyWaitMillis + " ms", e)
              : e;
        }
      }
      try {
        Thread.sleep(pause + ThreadLocalRandom.current().nextLong(pause)); // jitter: two waiters do not retry in step
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the history database", e);
      }
      pause = Math.min(pause * 2, 100);
    }
  }

  private String url() {
    // WRITE_DELAY=0: a commit reaches the file before it returns. With H2's default (500 ms) a
    // kill -9 right after a commit lost that record (HistoryCrashTest, round 0).
    // No AUTO_SERVER: it listens on a TCP port on every interface (issue 17); see open() for how
    // processes share the file. FILE_LOCK=FS (H2's default without AUTO_SERVER, named so it stays):
    // an OS lock on the file that the kernel drops when a holder dies, where AUTO_SERVER's lock file
    // made the next open after a kill -9 wait seconds for it to go stale.
    return "jdbc:h2:file:" + dataDir.resolve("dropdx").toAbsolutePath() + ";FILE_LOCK=FS;WRITE_DELAY=0";
  }

  private synchronized void migrate() {
    if (migrated) {
      return;
    }
    try {
      createPrivateDirectories(dataDir.toAbsolutePath());
      trust.requireTrustedDirectory(dataDir, "data directory");
      // Two dropdx processes starting together would both create the schema: the second waits for
      // the first on a file lock, then finds the schema migrated.
      try (FileChannel lock = FileChannel.open(dataDir.resolve("migrate.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = lock.lock()) {
        if (schemaIsCurrent()) {
          migrated = true;
          return;
        }
        Flyway.configure().dataSource(new WaitingDataSource()).locations("classpath:db/migration").load().migrate();
      }
      privateFiles();
    } catch (dev.dropdx.trust.UntrustedPathException e) {
      throw e;
    } catch (java.io.IOException | RuntimeException e) {
      throw new DatabaseException("cannot prepare the history database in " + dataDir
          + " (set dropdx.data-dir to a writable directory): " + e.getMessage(), e);
    }
    migrated = true;
  }

  /** Creates the missing directories 0700; existing ones keep their mode (the trust check judges them). */
  private static void createPrivateDirectories(Path dir) throws java.io.IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (dir.getParent() != null) {
      createPrivateDirectories(dir.getParent());
    }
    try {
      if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } else {
        Files.createDirectory(dir);
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // a concurrent run made it
    }
  }

  /**
   * H2 creates its files with the process umask (0644 under 022): narrow the ones this user owns to
   * 0600, so history (addresses, hosts, rules) is private even where the directory is not.
   */
  private void privateFiles() {
    if (!dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.list(dataDir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("dropdx.") || f.getFileName().toString().equals("migrate.lock")).toList()) {
        try {
          if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.getPosixFilePermissions(f).equals(OWNER_ONLY_FILE)) {
            Files.setPosixFilePermissions(f, OWNER_ONLY_FILE);
          }
        } catch (java.io.IOException | SecurityException e) {
          // not ours to change (another user's file): the trust check of the directory judges it
        }
      }
    } catch (java.io.IOException e) {
      // the directory vanished: the next connect reports it
    }
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
    try (Connection c = open();
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

  /** Flyway's connections, through the same waiting open as every other use. */
  private final class WaitingDataSource implements javax.sql.DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return open();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return open();
    }

    @Override
    public java.io.PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(java.io.PrintWriter out) {
      // no driver log
    }

    @Override
    public void setLoginTimeout(int seconds) {
      // the wait is busyWaitMillis
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
      throw new java.sql.SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
