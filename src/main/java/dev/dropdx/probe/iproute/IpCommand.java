package dev.dropdx.probe.iproute;

import java.util.ArrayList;
import java.util.List;

/** `ip` argument lists, inside a namespace (-n) when one is named, through nsenter for an unnamed one (pid:N). */
final class IpCommand {

  private IpCommand() {}

  static List<String> in(String netns, String... args) {
    if (netns != null && netns.startsWith("pid:")) {
      List<String> ip = new ArrayList<>(List.of("ip"));
      ip.addAll(List.of(args));
      return dev.dropdx.probe.exec.CommandRunner.inNetns(netns, ip); // `ip -n` takes only names
    }
    List<String> cmd = new ArrayList<>(List.of("ip"));
    if (netns != null && !netns.isEmpty()) {
      cmd.addAll(List.of("-n", netns));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }
}
