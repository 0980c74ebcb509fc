package dev.dropdx.probe.xfrm;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads /proc/net/xfrm_stat ("XfrmInPolBlock   3" per line) into name -> value. */
public final class XfrmStatParser {
  private XfrmStatParser() {}

  public static Map<String, Long> parse(String text) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2 && f[0].startsWith("Xfrm") && f[1].matches("\\d+")) {
        values.put(f[0], Long.parseLong(f[1]));
      }
    }
    return values;
  }
}
