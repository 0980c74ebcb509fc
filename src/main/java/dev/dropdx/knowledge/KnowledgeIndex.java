package dev.dropdx.knowledge;

import dev.dropdx.db.DatabaseException;
import dev.dropdx.db.DropdxDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The knowledge base in H2, for `kb list/show/search`: the validated files are loaded when their
 * content hash differs from the one last loaded.
 */
@Component
public class KnowledgeIndex {
  private final DropdxDatabase db;
  private final KnowledgeBaseProvider files;
  private final dev.dropdx.config.DropdxPaths paths;
  private final JsonMapper json;
  private volatile boolean synced;

  public KnowledgeIndex(DropdxDatabase db, KnowledgeBaseProvider files, dev.dropdx.config.DropdxPaths paths, JsonMapper json) {
    this.db = db;
    this.files = files;
    this.paths = paths;
    this.json = json;
  }

  /** Loads the files into H2 when they changed; returns true when it loaded. */
  public synchronized boolean sync() {
    KnowledgeBase kb = files.get(); // validates first: broken entries never reach the database
    List<Path> dirs = new ArrayList<>(List.of(paths.knowledgeBase()));
    dirs.addAll(paths.teamKnowledgeBases());
    String hash = hash(dirs);
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("SELECT files_hash FROM knowledge_source WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getString(1).equals(hash)) {
          synced = true;
          return false;
        }
      }
      try (var st = c.createStatement()) {
        st.executeUpdate("DELETE FROM knowledge_entry");
        st.executeUpdate("DELETE FROM knowledge_source");
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO knowledge_entry (id, title, entry_json, search_text) VALUES (?, ?, ?, ?)")) {
        for (CauseEntry e : kb.all()) {
          ins.setString(1, e.id());
          ins.setString(2, e.title());
          ins.setString(3, json.writeValueAsString(e));
          ins.setString(4, String.join(" ", e.id(), e.title(), e.explanation(), String.join(" ", e.functions()),
              String.join(" ", e.reasons()), String.join(" ", e.fix())).toLowerCase(Locale.ROOT));
          ins.addBatch();
        }
        ins.executeBatch();
      }
      try (PreparedStatement src = c.prepareStatement("INSERT INTO knowledge_source (id, files_hash, loaded_at) VALUES (1, ?, ?)")) {
        src.setString(1, hash);
        src.setObject(2, OffsetDateTime.now());
        src.executeUpdate();
      }
      c.commit();
      synced = true;
      return true;
    } catch (SQLException e) {
      throw new DatabaseException("cannot load the knowledge base into H2: " + e.getMessage(), e);
    }
  }

  /** All entries, by id. */
  public List<CauseEntry> list() {
    return query("SELECT entry_json FROM knowledge_entry ORDER BY id", null);
  }

  /** One entry. */
  public Optional<CauseEntry> show(String id) {
    return query("SELECT entry_json FROM knowledge_entry WHERE id = ?", id).stream().findFirst();
  }

  /** Entries whose id, title, explanation, functions, reasons or fix mention the text (case-insensitive). */
  public List<CauseEntry> search(String text) {
    return query("SELECT entry_json FROM knowledge_entry WHERE search_text LIKE ? ESCAPE '\\' ORDER BY id",
        "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
  }

  private List<CauseEntry> query(String sql, String arg) {
    if (!synced) {
      sync();
    }
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<CauseEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(json.readValue(rs.getString(1), CauseEntry.class));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseException("cannot read the knowledge base from H2: " + e.getMessage(), e);
    }
  }

  /** One hash over the entry files of the main and the team knowledge bases (a team's edit reloads too). */
  private static String hash(List<Path> dirs) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path dir : dirs) {
        try (Stream<Path> list = Files.list(dir)) {
          for (Path f : list.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
            md.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(f));
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new KnowledgeBaseException("cannot read knowledge base " + dirs + ": " + e.getMessage());
    }
  }
}
