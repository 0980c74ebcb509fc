package dev.dropdx.support;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.GreHandler;
import dev.dropdx.fact.GreHandler.Part;
import dev.dropdx.fact.GreHeader;
import dev.dropdx.fact.TargetMatch;
import java.util.List;

/** Ready-made GRE facts for rule tests, shaped like what the drop watch, capture and gre-handler probes produce. */
public final class GreFacts {
  public static final String NS = Facts.NS;
  public static final String SRC = "198.18.40.1";
  public static final String DST = "198.18.40.2";
  public static final String IF = "gre-rx0";

  private GreFacts() {}

  /** What this kernel measured: no handler, so ip_local_deliver_finish frees with IP_NOPROTO. */
  public static Drop noProto(TargetMatch match, int protocol) {
    return Facts.drop("ip_local_deliver_finish", "IP_NOPROTO", match, IF, SRC, DST, protocol);
  }

  /** What a kernel with the handler gives for a version it has no driver for (recorded from the article's case). */
  public static Drop inGreRcv(TargetMatch match) {
    return new Drop("gre_rcv", "gre_rcv+0x5a/0xd0 [gre]", "NOT_SPECIFIED", 12, match, NS, IF, SRC, DST, 47, List.of());
  }

  public static GreHeader header(int word, int type) {
    return new GreHeader(NS, IF, SRC, DST, word, type, 5);
  }

  /** This VM: built without GRE and without module support. */
  public static GreHandler missing() {
    return new GreHandler(NS, "6.18.44-fc-v782", Part.NOT_BUILT, Part.NOT_BUILT, Part.NOT_BUILT, "no", 14, 2,
        List.of("/proc/kallsyms has none of gre_add_protocol, gre_parse_header", "/proc/modules does not exist"));
  }

  public static GreHandler loadable() {
    return new GreHandler(NS, "6.8.0-31-generic", Part.LOADABLE, Part.LOADABLE, Part.LOADABLE, "yes", 10, 2,
        List.of("modules.dep lists gre, ip_gre, pptp"));
  }

  public static GreHandler present() {
    return new GreHandler(NS, "6.1.0-13-amd64", Part.RUNNING, Part.RUNNING, Part.LOADABLE, "yes", 0, 2,
        List.of("/proc/kallsyms has gre_add_protocol (gre)"));
  }
}
