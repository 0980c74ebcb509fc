package dev.dropdx.history;

import dev.dropdx.db.DatabaseException;
import dev.dropdx.db.DropdxDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Stores and queries diagnoses. Each write is one committed statement: a crash loses at most the one in flight. */
@Component
public class HistoryStore {
  private final DropdxDatabase db;

  public HistoryStore(DropdxDatabase db) {
    this.db = db;
  }

  /** Stores a diagnosis made from evidence gathered on {@code host} itself, of no known incident; returns its id. */
  public long record(String host, String target, String verdict, List<String> causes, String trailJson, String bundleJson) {
    return record(host, target, verdict, causes, trailJson, bundleJson, new Incident(host, null));
  }

  /** Stores a diagnosis of {@code incident}; returns its id. */
  public long record(String host, String target, String verdict, List<String> causes, String trailJson, String bundleJson,
      Incident incident) {
    String sql = "INSERT INTO diagnosis (created_at, host, target, verdict, causes, trail, bundle, observed_on, incident)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      ps.setObject(1, OffsetDateTime.now());
      ps.setString(2, host);
      ps.setString(3, target);
      ps.setString(4, verdict);
      ps.setString(5, String.join(",", causes));
      ps.setString(6, trailJson);
      ps.setString(7, bundleJson);
      ps.setString(8, incident.observedOn());
      ps.setString(9, incident.fingerprint());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new DatabaseException("cannot store the diagnosis: " + e.getMessage(), e);
    }
  }

  /** Diagnoses matching the filter, newest first. */
  public List<HistoryRecord> list(HistoryFilter f) {
    StringBuilder sql = new StringBuilder("SELECT id, created_at, host, target, verdict, causes FROM diagnosis WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (f.cause() != null) {
      sql.append(" AND (',' || causes || ',') LIKE ?");
      args.add("%," + f.cause() + ",%");
    }
    if (f.since() != null) {
      sql.append(" AND created_at >= ?");
      args.add(f.since());
    }
    if (f.verdict() != null) {
      sql.append(" AND verdict = ?");
      args.add(f.verdict());
    }
    sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, f.limit()));
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<HistoryRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseException("cannot read history: " + e.getMessage(), e);
    }
  }

  /** One diagnosis with its trail and bundle JSON. */
  public Optional<StoredDiagnosis> find(long id) {
    String sql = "SELECT id, created_at, host, target, verdict, causes, trail, bundle FROM diagnosis WHERE id = ?";
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new StoredDiagnosis(row(rs), rs.getString("trail"), rs.getString("bundle"))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DatabaseException("cannot read history: " + e.getMessage(), e);
    }
  }

  /**
   * Earlier incidents of this cause observed on this host since a time, oldest diagnosis of each,
   * newest first (for the recurrence line). A replay of evidence from elsewhere is no incident
   * here, and diagnoses of the same evidence (a bundle replayed again and again) count once.
   */
  public List<HistoryRecord> earlier(String host, String cause, OffsetDateTime since, long beforeId) {
    String sql = "SELECT id, created_at, host, target, verdict, causes, incident FROM diagnosis"
        + " WHERE COALESCE(observed_on, host) = ? AND created_at >= ? AND id < ? AND (',' || causes || ',') LIKE ? ORDER BY id";
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, host);
      ps.setObject(2, since);
      ps.setLong(3, beforeId);
      ps.setString(4, "%," + cause + ",%");
      Map<String, HistoryRecord> firstOfEach = new LinkedHashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String incident = rs.getString("incident");
          firstOfEach.putIfAbsent(incident == null ? "id:" + rs.getLong("id") : incident, row(rs));
        }
      }
      List<HistoryRecord> out = new ArrayList<>(firstOfEach.values());
      Collections.reverse(out);
      return out;
    } catch (SQLException e) {
      throw new DatabaseException("cannot read history: " + e.getMessage(), e);
    }
  }

  /** True when a diagnosis before {@code beforeId} already covers this incident. */
  public boolean known(String fingerprint, long beforeId) {
    String sql = "SELECT 1 FROM diagnosis WHERE incident = ? AND id < ? LIMIT 1";
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, fingerprint);
      ps.setLong(2, beforeId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new DatabaseException("cannot read history: " + e.getMessage(), e);
    }
  }

  private static HistoryRecord row(ResultSet rs) throws SQLException {
    String causes = rs.getString("causes");
    return new HistoryRecord(rs.getLong("id"), rs.getObject("created_at", OffsetDateTime.class), rs.getString("host"),
        rs.getString("target"), rs.getString("verdict"), causes.isEmpty() ? List.of() : Arrays.asList(causes.split(",")));
  }

  /**
   * A diagnosis with everything stored.
   *
   * @param record the summary
   * @param trailJson the trail as JSON
   * @param bundleJson the evidence bundle as JSON
   */
  public record StoredDiagnosis(HistoryRecord record, String trailJson, String bundleJson) {}

  /**
   * The incident a diagnosis is about.
   *
   * @param observedOn the host its evidence was gathered on
   * @param fingerprint a digest of that evidence; null when unknown (then it is its own incident)
   */
  public record Incident(String observedOn, String fingerprint) {}
}
