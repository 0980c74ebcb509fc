package dev.dropdx.cli;

/** The batch exit codes of design.md. */
public final class ExitCodes {
  public static final int DIAGNOSED = 0;
  public static final int CANNOT_RUN = 1;
  public static final int USAGE = 2;
  public static final int INCONCLUSIVE = 3;
  public static final int NO_DROPS = 4;

  private ExitCodes() {}
}
