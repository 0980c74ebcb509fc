package dev.dropdx.fact;

/**
 * The kernel's answer to `ip route get`: an output route to an address, or an input route check
 * for a packet arriving on an interface from a source.
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param kind "output" (route to destination) or "input" (destination from source iif device), e.g. input
 * @param destination looked-up destination, e.g. 198.18.1.2
 * @param source source for input checks, else null, e.g. 198.18.0.1
 * @param iif input interface for input checks, else null, e.g. veth0
 * @param dev the output device the kernel chose, null on error, e.g. veth1
 * @param type route type when not unicast (e.g. local, broadcast, multicast), else "unicast"
 * @param error the kernel's error (e.g. "Network is unreachable"), null when the lookup succeeded
 */
public record RouteLookup(
    String netns, String kind, String destination, String source, String iif, String dev, String type,
    String error)
    implements Evidence {

  public boolean ok() {
    return error == null;
  }

  @Override
  public String describe() {
    String what = kind.equals("input")
        ? "input route for " + destination + " from " + source + " arriving on " + iif
        : "route to " + destination;
    return what + ": " + (ok() ? type + " via dev " + dev : "fails (" + error + ")");
  }
}
