package dev.dropdx.probe.iproute;

import java.util.ArrayList;
import java.util.List;

/** `ip` argument lists, inside a namespace (-n) when one is named. */
final class IpCommand {

  private IpCommand() {}

  static List<String> in(String netns, String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    if (netns != null && !netns.isEmpty()) {
      cmd.addAll(List.of("-n", netns));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }
}
