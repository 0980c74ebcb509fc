"""The exhaustive baseline of figure 4 (probes per diagnosis), one definition for bench/lab.py
(bench/run) and bench/live.py (bench/live).

Baseline: every probe in dropdx's own catalog (`rules probes --format json`, built-in probes only:
no team directory is configured for the bench) that this host can run (its "available" flag: here
the four stap-* probes are not, for want of the kernel's debuginfo and build tree), less those that
cannot mean anything for the target. An exhaustive tool runs each of them once. "Means something
for the target" is decided on the target alone (family and protocol), never on the cause:

- family: `local-addresses` lists IPv4 addresses (`ip -4 addr`) and `igmp` IPv4 groups: not for an
  IPv6 target; `igmp6` lists IPv6 groups: not for an IPv4 target. The family is the one of the
  target's addresses, else of its protocol (icmp, igmp: IPv4; icmp6: IPv6), else unknown (both).
- protocol: `igmp`/`igmp6` only for a multicast destination or the protocols that join groups
  (IGMP, OSPF); `gre-handler` only for GRE; `vxlan-link` only for VXLAN (proto vxlan or UDP port
  4789). A target with no protocol keeps gre-handler and vxlan-link (the packets may be either).
- everything else (drop-watch, counters, sysctl, route, route-decision, neighbours, link, tc,
  netfilter, conntrack-stat, xfrm, sockets, softnet, modules, capture) reads something every IP
  packet can be dropped by, and counts for every target.

Probes run: trail steps that ran a probe (step > 0, a backend other than "-", not the "stop" step,
not a step answered by an earlier one, backend "memo of ..."). Repeats of the same probe count
each time (rp-filter once asked `route` twice): they are work the host does.
"""
import ipaddress
import json
import os
import subprocess

GROUP_PROTOCOLS = {"igmp", "2", "ospf", "89"}
V4_PROTOCOLS = {"icmp", "1", "igmp", "2"}
V6_PROTOCOLS = {"icmp6", "ipv6-icmp", "58"}


def catalog(root):
    """The catalog listing: $BENCH_PROBES (a saved `rules probes --format json`) or the built jar's."""
    saved = os.environ.get("BENCH_PROBES")
    if saved:
        return json.load(open(saved))
    jar = os.environ.get("BENCH_JAR") or os.path.join(root, "target", "dropdx.jar")
    out = subprocess.run(["java", "-jar", jar, "rules", "probes", "--format", "json"], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def _net(value):
    try:
        return ipaddress.ip_network(str(value), strict=False) if value else None
    except ValueError:
        return None


def family(target):
    """4, 6 or None (unknown: both) for a report's target."""
    for key in ("src", "dst"):
        n = _net(target.get(key))
        if n is not None:
            return n.version
    proto = str(target.get("proto") or "").lower()
    if proto in V4_PROTOCOLS:
        return 4
    if proto in V6_PROTOCOLS:
        return 6
    return None


def applicable(listing, target):
    """The ids of the baseline for a report's target (its `target` object), in catalog order."""
    fam = family(target)
    proto = str(target.get("proto") or "").lower()
    dport = str(target.get("dport") or "")
    dst = _net(target.get("dst"))
    multicast = dst is not None and dst.is_multicast
    keep = []
    for p in listing:
        i = p["id"]
        if not p["available"]:
            continue
        if i in ("local-addresses", "igmp") and fam == 6:
            continue
        if i == "igmp6" and fam == 4:
            continue
        if i in ("igmp", "igmp6") and not (multicast or proto in GROUP_PROTOCOLS):
            continue
        if i == "gre-handler" and proto not in ("gre", "47", ""):
            continue
        if i == "vxlan-link" and not (proto in ("vxlan", "") or (proto in ("udp", "17") and dport == "4789")):
            continue
        keep.append(i)
    return keep


def probes_run(trail):
    """The trail steps that ran a probe."""
    return [s for s in trail if s["step"] > 0 and s["backend"] != "-" and s["probe"] != "stop"
            and not s["backend"].startswith("memo of")]


# The hand list figure 4 used when issue 14 was filed (the catalog had 11 probes then), kept so the
# figure can still be compared with the "0.38 now": 8 probes for every target, plus igmp for
# multicast/OSPF, gre-handler for GRE and vxlan-link for VXLAN.
FILING_ALWAYS = ["drop-watch", "counters", "sysctl", "route", "local-addresses", "sockets", "netfilter", "capture"]


def filing_applicable(target):
    """The ids of the baseline issue 14 was filed against, for a report's target."""
    proto = str(target.get("proto") or "").lower()
    dport = str(target.get("dport") or "")
    dst = _net(target.get("dst"))
    keep = list(FILING_ALWAYS)
    if (dst is not None and dst.is_multicast) or proto in GROUP_PROTOCOLS:
        keep.append("igmp")
    if proto in ("gre", "47"):
        keep.append("gre-handler")
    if proto == "vxlan" or (proto in ("udp", "17") and dport == "4789"):
        keep.append("vxlan-link")
    return keep
