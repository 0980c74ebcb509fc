package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a scenario on a {@link LabNetwork}: its namespaces, then its steps in file order, and
 * says what to diagnose. The one interpreter of scenario files; teardown is the network's.
 */
public final class LabSetUp {
  /** {@code ${mac:KEY:IFACE}}, {@code ${ns:KEY}}, {@code ${input}}. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(mac:([a-z0-9-]+):([A-Za-z0-9@._-]+)|ns:([a-z0-9-]+)|input)}");

  private LabSetUp() {}

  /** Creates the scenario's namespaces, runs its steps and returns its target. */
  public static Target build(LabScenario scenario, LabNetwork net) {
    return build(scenario, net, Map.of());
  }

  /**
   * Like {@link #build(LabScenario, LabNetwork)}, but the namespaces whose keys are in
   * {@code existing} are not created: the scenario is built into those (they must be the
   * network's own, e.g. a fleet test's hosts).
   */
  public static Target build(LabScenario scenario, LabNetwork net, Map<String, String> existing) {
    if (scenario.requires() != null && Runtime.getRuntime().availableProcessors() < scenario.requires().cpus()) {
      throw new LabException(scenario.name() + " needs at least " + scenario.requires().cpus() + " CPUs: " + scenario.requires().why());
    }
    Map<String, String> ns = new LinkedHashMap<>();
    scenario.namespaces().forEach((key, name) -> ns.put(key, existing.containsKey(key) ? existing.get(key) : net.namespace(name, scenario.ipv6On())));
    for (LabStep step : scenario.steps()) {
      run(step, ns, net);
    }
    return scenario.target().resolve(ns);
  }

  private static void run(LabStep step, Map<String, String> ns, LabNetwork net) {
    String where = step.netns() == null ? null : ns.get(step.netns());
    switch (step.kinds().get(0)) {
      case "veth" -> {
        LabStep.End a = step.veth().a();
        LabStep.End b = step.veth().b();
        net.veth(ns.get(a.netns()), a.name(), a.address(), ns.get(b.netns()), b.name(), b.address());
      }
      case "ip" -> net.ip(withNs(where, args(step.ip(), ns, net, null)));
      case "address" -> net.address(where, arg(step.address(), ns, net, null), step.dev());
      case "route" -> net.ip(withNs(where, prepend("route", args(step.route(), ns, net, null))));
      case "sysctl" -> step.sysctl().forEach((key, value) -> net.sysctl(where, key, value));
      case "neighbour" -> net.ip("-n", where, "neigh", "replace", arg(step.neighbour(), ns, net, null), "lladdr",
          arg(step.lladdr(), ns, net, null), "dev", step.dev(), "nud", "permanent");
      case "run" -> runToEnd(step, where, ns, net);
      case "start" -> net.startTraffic(where, args(step.start(), ns, net, null));
      case "packets" -> net.startPackets(where, args(step.packets(), ns, net, null).toArray(String[]::new));
      case "wait" -> pause(step.waitSeconds());
      default -> throw new LabException("unknown lab step " + step.kinds());
    }
  }

  /** A command to its end; with an input command, that command's output is written to ${input} first. */
  private static void runToEnd(LabStep step, String where, Map<String, String> ns, LabNetwork net) {
    if (step.input() == null) {
      net.exec(where, args(step.run(), ns, net, null));
      return;
    }
    Path file = null;
    try {
      file = Files.createTempFile("dropdx-lab-input-", "");
      Files.writeString(file, net.output(where, args(step.input(), ns, net, null)));
      net.exec(where, args(step.run(), ns, net, file.toString()));
    } catch (IOException e) {
      throw new LabException("cannot write the lab's input file: " + e.getMessage());
    } finally {
      try {
        if (file != null) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }

  private static String[] withNs(String where, List<String> args) {
    List<String> all = new ArrayList<>(List.of("-n", where));
    all.addAll(args);
    return all.toArray(String[]::new);
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static List<String> args(List<String> args, Map<String, String> ns, LabNetwork net, String input) {
    return args.stream().map(a -> arg(a, ns, net, input)).toList();
  }

  private static String arg(String arg, Map<String, String> ns, LabNetwork net, String input) {
    Matcher m = PLACEHOLDER.matcher(arg);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value;
      if (m.group(2) != null) {
        value = net.mac(ns.get(m.group(2)), m.group(3));
      } else if (m.group(4) != null) {
        value = ns.get(m.group(4));
      } else {
        value = input;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static void pause(double seconds) {
    try {
      Thread.sleep(Math.round(seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while the lab was being set up");
    }
  }
}
