package dev.dropdx.history;

import dev.dropdx.db.DropdxDatabase;
import java.util.List;

/**
 * The process {@link HistoryCrashTest} kills: writes diagnoses to the history in DIR as fast as it
 * can and prints "ID SEQ" for each one after its commit returned.
 */
public final class HistoryWriterMain {
  private HistoryWriterMain() {}

  public static void main(String[] args) throws Exception {
    DropdxDatabase db = new DropdxDatabase(args[0]);
    HistoryStore store = new HistoryStore(db);
    // Held open, as during a long shell session: H2 would otherwise close (and compact) the file after every record.
    java.sql.Connection keepOpen = db.connect();
    for (long seq = 0; ; seq++) {
      long id = store.record("crash-host", "seq " + seq, "diagnosed", List.of("rp-filter"), "[]", HistoryCrashTest.bundleOf(seq));
      System.out.println(id + " " + seq);
      System.out.flush();
      if (keepOpen.isClosed()) {
        return;
      }
    }
  }
}
