package dev.dropdx.fact;

/**
 * The socket table of a namespace was read: with the {@link SocketInfo} facts it says which ports
 * have no socket at all.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param sockets how many UDP and TCP sockets it holds, e.g. 3
 */
public record SocketScan(String netns, int sockets) implements Evidence {

  @Override
  public String describe() {
    return "socket table of " + (netns.isEmpty() ? "this namespace" : "netns " + netns) + " read: " + sockets + " UDP/TCP socket(s)";
  }
}
