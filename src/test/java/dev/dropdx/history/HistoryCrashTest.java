package dev.dropdx.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.db.DropdxDatabase;
import dev.dropdx.support.SlowTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 a process while it writes history, 50 times: each time the database opens and every
 * record whose commit returned before the kill is there, intact.
 */
@SlowTest
class HistoryCrashTest {
  static final int KILLS = 50;
  @TempDir Path dataDir;

  /** A record's bundle: big enough to span pages, and checkable. */
  static String bundleOf(long seq) {
    return "{\"seq\": " + seq + ", \"pad\": \"" + Long.toString(seq * 2654435761L, 36).repeat(400) + "\"}";
  }

  @Test
  void killedDuringWritesFiftyTimesEveryCommittedRecordIsIntact() throws Exception {
    Random random = new Random(7);
    Map<Long, Long> committed = new LinkedHashMap<>(); // id -> seq
    int killedMidWrite = 0;
    for (int round = 0; round < KILLS; round++) {
      Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), HistoryWriterMain.class.getName(), dataDir.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      int wanted = 1 + random.nextInt(20);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
        for (int n = 0; n < wanted; n++) {
          String line = out.readLine();
          assertThat(line).as("round " + round + ": the writer opened the database and wrote").isNotNull();
          String[] idSeq = line.split(" ");
          committed.put(Long.parseLong(idSeq[0]), Long.parseLong(idSeq[1]));
        }
        // SIGKILL while it writes the next record (through kill(1): Process.destroy would close our end of its output)
        new ProcessBuilder("kill", "-KILL", Long.toString(writer.pid())).start().waitFor();
        assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();
        killedMidWrite += writer.exitValue() == 137 ? 1 : 0;
        String line;
        while ((line = out.readLine()) != null) { // printed after a commit, before the signal landed
          String[] idSeq = line.split(" ");
          committed.put(Long.parseLong(idSeq[0]), Long.parseLong(idSeq[1]));
        }
      }
      DropdxDatabase db = new DropdxDatabase(dataDir.toString());
      HistoryStore store = new HistoryStore(db);
      try (java.sql.Connection keepOpen = db.connect()) { // one open of the file for all the look-ups
        for (Map.Entry<Long, Long> e : committed.entrySet()) {
          var stored = store.find(e.getKey());
          assertThat(stored).as("round " + round + ": record " + e.getKey() + " committed before a kill").isPresent();
          assertThat(stored.get().record().target()).isEqualTo("seq " + e.getValue());
          assertThat(stored.get().bundleJson()).isEqualTo(bundleOf(e.getValue()));
        }
      }
    }
    System.err.println("history crash test: " + KILLS + " kills (" + killedMidWrite + " by SIGKILL), " + committed.size()
        + " committed records all intact");
    assertThat(killedMidWrite).isEqualTo(KILLS);
  }
}
