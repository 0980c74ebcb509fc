package dev.dropdx.probe.team;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The read-only commands a team probe may run, per tool and subcommand. A command is a bare tool
 * name and its arguments (never a shell); every argument is made of safe characters only. The
 * same check runs on the template at load (parameters filled with harmless examples) and on the
 * filled command before it runs.
 *
 * <ul>
 *   <li>{@code ip [-j|-d|-s|-4|-6|-p|-o|-br|-h|-iec ...] OBJECT show|list|lst|get ...}, OBJECT one of
 *       link, address, addr, route, rule, neighbour, neighbor, neigh, maddress, maddr, netconf,
 *       nexthop, vrf, tunnel, mroute, ntable ({@code get} only for route, neigh and nexthop);
 *   <li>{@code tc [-s|-d|-j|-p|-g|-iec ...] qdisc|class|filter|chain|actions show|list|ls ...}
 *       ({@code get} too for filter, chain and actions);
 *   <li>{@code bridge [-s|-d|-j|-p|-c ...] link|fdb|mdb|vlan show|list|lst ...};
 *   <li>{@code nft [-j|-a|-n|-s|-t|-y ...] list ruleset|tables|table|chains|chain|sets|set|maps|map|
 *       counters|counter|quotas|quota|limits|limit|flowtables|flowtable|meters|meter ...};
 *   <li>{@code ss} with flags among {@code -46aeHilmnoOpstuwxS} (or their long names), then a filter
 *       expression (no further options: never -K, -D, -F, -N or -E);
 *   <li>{@code ethtool [--json] [one of -S -i -k -g -c -a -l -T -P and their --show names] DEVICE};
 *   <li>{@code conntrack -S|-L|-C ...} with the filter options -p -s -d -r -q --sport --dport
 *       --reply-port-src --reply-port-dst -f -o -m --state --zone -n -g and their long names
 *       (never -z, -D, -F, -E, -U, -I);
 *   <li>{@code cat PATH...}, each an absolute path under /proc/net/, /proc/sys/, /sys/class/net/ or
 *       /sys/module/ without "..".
 * </ul>
 *
 * Namespaces are never chosen by the command (no {@code -n}, {@code -netns}, {@code -N}): a team
 * probe runs in the namespace its request names, as every probe does.
 */
public final class AllowList {
  /** Letters, digits and {@code _ . : / @ % + = , -}: no blank, quote, glob, redirection or separator. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:/@%+=,-]+");
  private static final Set<String> WRITE_WORDS = Set.of("add", "del", "delete", "change", "replace", "flush", "save", "restore",
      "append", "prepend", "exec", "monitor", "set", "create", "destroy", "reset", "update", "insert", "load", "unload");
  private static final Set<String> SHOW = Set.of("show", "list", "lst");

  private static final Map<String, Tool> TOOLS = Map.of(
      "ip", new Tool(Set.of("-j", "-json", "-d", "-details", "-s", "-stats", "-statistics", "-4", "-6", "-p", "-pretty", "-o",
          "-oneline", "-br", "-brief", "-h", "-human", "-iec"),
          Set.of("link", "address", "addr", "route", "rule", "neighbour", "neighbor", "neigh", "maddress", "maddr", "netconf",
              "nexthop", "vrf", "tunnel", "mroute", "ntable"),
          SHOW, Set.of("route", "neighbour", "neighbor", "neigh", "nexthop")),
      "tc", new Tool(Set.of("-s", "-stats", "-statistics", "-d", "-details", "-j", "-json", "-p", "-pretty", "-g", "-graph", "-iec"),
          Set.of("qdisc", "class", "filter", "chain", "actions", "action"), Set.of("show", "list", "ls"),
          Set.of("filter", "chain", "actions", "action")),
      "bridge", new Tool(Set.of("-s", "-stats", "-statistics", "-d", "-details", "-j", "-json", "-p", "-pretty", "-c", "-compressvlans"),
          Set.of("link", "fdb", "mdb", "vlan"), SHOW, Set.of()));
  private static final Set<String> NFT_OPTIONS = Set.of("-j", "--json", "-a", "--handle", "-n", "--numeric", "-s", "--stateless",
      "-t", "--terse", "-y", "--numeric-priority");
  private static final Set<String> NFT_OBJECTS = Set.of("ruleset", "tables", "table", "chains", "chain", "sets", "set", "maps", "map",
      "counters", "counter", "quotas", "quota", "limits", "limit", "flowtables", "flowtable", "meters", "meter");
  private static final Pattern SS_FLAGS = Pattern.compile("-[46aeHilmnoOpstuwxS]+");
  private static final Set<String> SS_LONG = Set.of("--ipv4", "--ipv6", "--all", "--extended", "--no-header", "--info",
      "--listening", "--memory", "--numeric", "--options", "--oneline", "--processes", "--summary", "--tcp", "--udp", "--raw",
      "--unix", "--sctp");
  private static final Set<String> ETHTOOL_SHOW = Set.of("-S", "--statistics", "-i", "--driver", "-k", "--show-features",
      "--show-offload", "-g", "--show-ring", "-c", "--show-coalesce", "-a", "--show-pause", "-l", "--show-channels", "-T",
      "--show-time-stamping", "-P", "--show-permaddr");
  private static final Set<String> CONNTRACK_COMMANDS = Set.of("-S", "--stats", "-L", "--dump", "-C", "--count");
  private static final Set<String> CONNTRACK_TABLES = Set.of("conntrack", "expect", "dying", "unconfirmed");
  private static final Set<String> CONNTRACK_VALUED = Set.of("-p", "--proto", "-s", "--src", "--orig-src", "-d", "--dst",
      "--orig-dst", "-r", "--reply-src", "-q", "--reply-dst", "--sport", "--orig-port-src", "--dport", "--orig-port-dst",
      "--reply-port-src", "--reply-port-dst", "-f", "--family", "-o", "--output", "-m", "--mark", "--state", "--zone",
      "--orig-zone", "--reply-zone");
  private static final Set<String> CONNTRACK_FLAGS = Set.of("-n", "--src-nat", "-g", "--dst-nat");
  private static final List<String> READABLE = List.of("/proc/net/", "/proc/sys/", "/sys/class/net/", "/sys/module/");

  private AllowList() {}

  /** The tools a team probe may run. */
  public static List<String> tools() {
    return List.of("ip", "tc", "bridge", "nft", "ss", "ethtool", "conntrack", "cat");
  }

  /** Why the command is refused, or empty when it is on the allow-list. */
  public static Optional<String> refuse(List<String> command) {
    if (command.isEmpty()) {
      return Optional.of("the command is empty");
    }
    if (!tools().contains(command.get(0))) {
      return Optional.of("\"" + command.get(0) + "\" is not an allowed tool (allowed: " + String.join(", ", tools())
          + "; a bare name, run from PATH)");
    }
    for (String arg : command) {
      if (!SAFE.matcher(arg).matches()) {
        return Optional.of("argument \"" + arg + "\" holds a character outside letters, digits and _ . : / @ % + = , -"
            + " (no shell: no blanks, quotes, globs, redirections or separators)");
      }
    }
    String tool = command.get(0);
    List<String> args = command.subList(1, command.size());
    Optional<String> why = switch (tool) {
      case "ip", "tc", "bridge" -> TOOLS.get(tool).refuse(tool, args);
      case "nft" -> nft(args);
      case "ss" -> ss(args);
      case "ethtool" -> ethtool(args);
      case "conntrack" -> conntrack(args);
      case "cat" -> cat(args);
      default -> throw new IllegalStateException("no allow-list for " + tool);
    };
    return why.map(w -> String.join(" ", command) + ": " + w);
  }

  private static Optional<String> nft(List<String> args) {
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-")) {
      if (!NFT_OPTIONS.contains(args.get(i))) {
        return Optional.of("nft option " + args.get(i) + " is not allowed (allowed: " + sorted(NFT_OPTIONS) + ")");
      }
      i++;
    }
    if (i >= args.size() || !args.get(i).equals("list")) {
      return Optional.of("nft may only \"list\"");
    }
    if (i + 1 >= args.size() || !NFT_OBJECTS.contains(args.get(i + 1))) {
      return Optional.of("nft list needs one of " + sorted(NFT_OBJECTS));
    }
    return rest(args.subList(i + 2, args.size()), "nft list");
  }

  private static Optional<String> ss(List<String> args) {
    boolean filter = false;
    for (String a : args) {
      if (a.startsWith("-")) {
        if (filter) {
          return Optional.of("ss options must come before the filter expression");
        }
        if (!SS_FLAGS.matcher(a).matches() && !SS_LONG.contains(a)) {
          return Optional.of("ss option " + a + " is not allowed (flags among -46aeHilmnoOpstuwxS or " + sorted(SS_LONG)
              + "; never -K, -D, -F, -N, -E)");
        }
      } else {
        filter = true;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> ethtool(List<String> args) {
    List<String> rest = args;
    if (!rest.isEmpty() && rest.get(0).equals("--json")) {
      rest = rest.subList(1, rest.size());
    }
    if (!rest.isEmpty() && rest.get(0).startsWith("-")) {
      if (!ETHTOOL_SHOW.contains(rest.get(0))) {
        return Optional.of("ethtool option " + rest.get(0) + " is not allowed (allowed: " + sorted(ETHTOOL_SHOW) + ")");
      }
      rest = rest.subList(1, rest.size());
    }
    if (rest.size() != 1 || rest.get(0).startsWith("-")) {
      return Optional.of("ethtool takes [--json] [one show option] and exactly one device");
    }
    return Optional.empty();
  }

  private static Optional<String> conntrack(List<String> args) {
    if (args.isEmpty() || !CONNTRACK_COMMANDS.contains(args.get(0))) {
      return Optional.of("conntrack must start with one of " + sorted(CONNTRACK_COMMANDS) + " (never -D, -F, -E, -U, -I, -z)");
    }
    int i = 1;
    if (i < args.size() && CONNTRACK_TABLES.contains(args.get(i))) {
      i++;
    }
    while (i < args.size()) {
      String a = args.get(i);
      if (CONNTRACK_FLAGS.contains(a)) {
        i++;
      } else if (CONNTRACK_VALUED.contains(a) && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
        i += 2;
      } else {
        return Optional.of("conntrack argument " + a + " is not allowed (filters: " + sorted(CONNTRACK_VALUED) + " with a value, "
            + sorted(CONNTRACK_FLAGS) + ")");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> cat(List<String> args) {
    if (args.isEmpty()) {
      return Optional.of("cat needs at least one file");
    }
    for (String path : args) {
      if (READABLE.stream().noneMatch(path::startsWith) || path.contains("..") || path.contains("//")) {
        return Optional.of("cat may only read files under " + String.join(", ", READABLE) + " (no \"..\"), not " + path);
      }
    }
    return Optional.empty();
  }

  /** After the subcommand: selectors only, no option that changes what runs, no write verb. */
  private static Optional<String> rest(List<String> args, String what) {
    for (String a : args) {
      if (WRITE_WORDS.contains(a) && !what.startsWith("nft")) {
        return Optional.of("\"" + a + "\" is a write verb; " + what + " may only show");
      }
      if (a.startsWith("-")) {
        return Optional.of("option " + a + " after " + what + " is not allowed (options go before the object)");
      }
    }
    return Optional.empty();
  }

  private static String sorted(Set<String> words) {
    return String.join(" ", new java.util.TreeSet<>(words));
  }

  /** ip, tc and bridge: options, an object, a show verb, then selectors. */
  private record Tool(Set<String> options, Set<String> objects, Set<String> verbs, Set<String> getObjects) {

    Optional<String> refuse(String tool, List<String> args) {
      int i = 0;
      while (i < args.size() && args.get(i).startsWith("-")) {
        if (!options.contains(args.get(i))) {
          return Optional.of(tool + " option " + args.get(i) + " is not allowed (allowed: " + sorted(options)
              + "; a probe runs in its request's namespace, never -n/-netns, never -batch or -force)");
        }
        i++;
      }
      if (i >= args.size() || !objects.contains(args.get(i))) {
        return Optional.of(tool + " needs one of the objects " + sorted(objects) + (i < args.size() ? ", not " + args.get(i) : ""));
      }
      String object = args.get(i);
      String verb = i + 1 < args.size() ? args.get(i + 1) : "";
      boolean get = verb.equals("get") && getObjects.contains(object);
      if (!verbs.contains(verb) && !get) {
        return Optional.of(tool + " " + object + " may only " + sorted(verbs) + (getObjects.contains(object) ? " or get" : "")
            + ", not \"" + verb + "\" (the verb is required)");
      }
      return rest(args.subList(i + 2, args.size()), tool + " " + object + " " + verb);
    }
  }
}
