package dev.dropdx.collect;

import dev.dropdx.fact.Drop;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.knowledge.ReasonCatalog;
import dev.dropdx.netns.NetnsInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drops of a host-wide watch (collect --all-netns) that the plan's per-drop lines gather
 * evidence for: the ones `diagnose --all-netns` would put in its table, i.e. the target's, in a
 * namespace commands can enter (named, dropdx's own, or held by a process), and not a free the
 * drop reason's page calls normal (ping's echo replies, ICMPv6 chatter). Drops with no namespace
 * ("unattributable") and everyone else's are left out, so collect does not read every namespace
 * on the host.
 */
final class AllNetnsDrops {
  private final ReasonCatalog reasons;

  /** @param reasons the reason pages (their normal frees); null reads every reason as a drop */
  AllNetnsDrops(ReasonCatalog reasons) {
    this.reasons = reasons;
  }

  /** The watch's facts with only the drops worth collecting for. */
  List<Object> kept(List<Object> facts) {
    Map<String, NetnsInfo> byId = namespaces(facts);
    List<Object> out = new ArrayList<>();
    for (Object f : facts) {
      if (!(f instanceof Drop d) || wanted(d, byId)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The namespaces with drops worth collecting for, most packets first; each with the probes recorded in it. */
  List<CollectedNamespace> namespaces(List<Object> facts, Map<String, Integer> probesByNetns) {
    Map<String, NetnsInfo> byId = namespaces(facts);
    Map<String, List<Drop>> drops = new LinkedHashMap<>();
    facts.stream().filter(Drop.class::isInstance).map(Drop.class::cast).filter(d -> wanted(d, byId))
        .forEach(d -> drops.computeIfAbsent(d.netns(), k -> new ArrayList<>()).add(d));
    List<CollectedNamespace> out = new ArrayList<>();
    drops.forEach((id, list) -> out.add(new CollectedNamespace(byId.get(id),
        list.stream().sorted(Comparator.comparingLong(Drop::count).reversed()).toList(), probesByNetns.getOrDefault(id, 0))));
    out.sort(Comparator.comparingLong(CollectedNamespace::packets).reversed().thenComparing(n -> n.namespace().id()));
    return out;
  }

  private boolean wanted(Drop d, Map<String, NetnsInfo> byId) {
    NetnsInfo ns = byId.get(d.netns());
    return d.match() == TargetMatch.TARGET && ns != null && ns.reachable() && normalFree(d).isEmpty();
  }

  private Optional<?> normalFree(Drop d) {
    return reasons == null ? Optional.empty() : reasons.pageOrFallback(d.reason()).normalFreeAt(d.function(), d.protocol());
  }

  private static Map<String, NetnsInfo> namespaces(List<Object> facts) {
    Map<String, NetnsInfo> byId = new LinkedHashMap<>();
    facts.stream().filter(NetnsInfo.class::isInstance).map(NetnsInfo.class::cast).forEach(n -> byId.putIfAbsent(n.id(), n));
    return byId;
  }
}
