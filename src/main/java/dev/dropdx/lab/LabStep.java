package dev.dropdx.lab;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of a lab scenario: exactly one of the kinds below is set, {@code netns} names the
 * namespace (a key of the scenario's namespaces) it runs in. Arguments may hold
 * {@code ${mac:KEY:IFACE}} (that interface's MAC address), {@code ${ns:KEY}} (the namespace's name)
 * and, in {@code run}, {@code ${input}} (the file holding {@code input}'s output).
 *
 * @param netns key of the namespace the step runs in (not used by veth: its ends say)
 * @param veth a veth pair, between two namespaces or inside one
 * @param ip `ip -n NS ARGS`: links (vxlan, ...), addresses, anything iproute2 does
 * @param address `ip -n NS addr add ADDRESS dev DEV`
 * @param route `ip -n NS route ARGS` (add, del, replace ...)
 * @param sysctl key -> value, set in order inside the namespace
 * @param neighbour `ip -n NS neigh replace ADDRESS lladdr LLADDR dev DEV nud permanent`
 * @param lladdr the neighbour's MAC address (usually {@code ${mac:KEY:IFACE}})
 * @param dev the interface of address and neighbour
 * @param run a command run to its end inside the namespace (nft, iptables, tc, ...); it must succeed
 * @param input a command run first (in the namespace) whose output becomes the file {@code ${input}}
 * @param start a command started in the background inside the namespace (listeners, ping), stopped at teardown
 * @param packets arguments of the lab's packet tool (lab/packets.py), started in the background like start
 * @param waitSeconds ({@code wait} in the file) seconds to pause (e.g. connections that must exist before a route goes)
 * @param note why the step is there (free text for the reader; not used)
 */
public record LabStep(
    String netns,
    Veth veth,
    List<String> ip,
    String address,
    List<String> route,
    Map<String, String> sysctl,
    String neighbour,
    String lladdr,
    String dev,
    List<String> run,
    List<String> input,
    List<String> start,
    List<String> packets,
    @JsonProperty("wait") Double waitSeconds,
    String note) {

  /** The step kinds; a step sets exactly one. */
  public static final List<String> KINDS = List.of("veth", "ip", "address", "route", "sysctl", "neighbour", "run", "start", "packets", "wait");

  /** The kinds this step sets (valid when exactly one). */
  public List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    Object[] values = {veth, ip, address, route, sysctl, neighbour, run, start, packets, waitSeconds};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        kinds.add(KINDS.get(i));
      }
    }
    return kinds;
  }

  /** The programs this step runs. */
  public Set<String> tools() {
    Set<String> tools = new java.util.TreeSet<>();
    for (List<String> argv : java.util.Arrays.asList(run, input, start)) {
      if (argv != null && !argv.isEmpty()) {
        tools.add(argv.get(0));
      }
    }
    if (packets != null) {
      tools.add("python3");
    }
    return tools;
  }

  /**
   * A veth pair: {@code a} and {@code b} in different namespaces, or both in one (an extra
   * interface inside a namespace). Addresses are added, then both ends set up.
   *
   * @param a one end
   * @param b the other end
   */
  public record Veth(End a, End b) {}

  /**
   * One end of a veth pair.
   *
   * @param netns key of its namespace
   * @param name interface name
   * @param address address with prefix length, or null
   */
  public record End(String netns, String name, String address) {}
}
