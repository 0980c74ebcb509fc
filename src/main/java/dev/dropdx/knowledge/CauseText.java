package dev.dropdx.knowledge;

import java.util.List;

/** A cause entry's templates filled in for one diagnosis. */
public record CauseText(String title, String explanation, List<String> fix, List<String> verify) {

  public CauseText {
    fix = List.copyOf(fix);
    verify = List.copyOf(verify);
  }
}
