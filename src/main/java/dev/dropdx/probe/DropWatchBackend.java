package dev.dropdx.probe;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;

/**
 * One way of watching where the kernel frees packets (tracefs, stap, the netlink drop monitor,
 * ...). The drop watch probe tries its backends in order and runs the first this host can run;
 * each says why it cannot, so "no backend can watch" lists every reason and what to install.
 */
public interface DropWatchBackend {

  /** The backend's name, as the trail and the bundle show it ("tracefs+bpftrace", "stap", ...). */
  String name();

  /** Whether this host can run it, and if not, why and what to install. */
  Availability availability(HostFacts host);

  /** Watches for the context's window. */
  ProbeOutcome run(ProbeRequest request, ProbeContext context);

  /** The same outcome from output {@link #run} recorded earlier, without touching the host. */
  ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context);

  /**
   * False for a stand-in that sees no kfree_skb event (the counters): it runs only when no real
   * watch can, and is never the fallback of a watch that failed.
   */
  default boolean watchesKfreeSkb() {
    return true;
  }
}
