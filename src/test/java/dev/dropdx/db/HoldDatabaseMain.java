package dev.dropdx.db;

/**
 * The other process of {@link DropdxDatabaseSharingTest}: opens the history in DIR, prints "held",
 * keeps it open for MILLIS, then lets go and exits.
 */
public final class HoldDatabaseMain {
  private HoldDatabaseMain() {}

  public static void main(String[] args) throws Exception {
    try (java.sql.Connection held = new DropdxDatabase(args[0]).connect()) {
      System.out.println("held");
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]));
    }
  }
}
