"""Writes docs/benchmarks.md from the figures bench/run measured (called by bench/run only).

The tables are regenerated on every run; the analysis (what was tried, what it would take to
close a missed target) is bench/notes.md, appended verbatim.
"""
import os
import statistics
import time

W = os.environ["WORK"]
DOC = os.environ["DOC"]
FIG = {}
for line in open(os.path.join(W, "figures.txt")):
    if "=" in line:
        k, v = line.rstrip("\n").split("=", 1)
        FIG[k] = v


def f(key, default="not measured"):
    return FIG.get(key, default)


def med(s):
    """The median out of "median [min..max]"."""
    try:
        return float(s.split()[0])
    except (ValueError, IndexError):
        return float("nan")


def verdict(ok):
    return "met" if ok else "**missed**"


def rows(path):
    if not os.path.exists(path):
        return []
    return [l.split() for l in open(path) if l.strip()]


out = []
w = out.append
runs = os.environ["RUNS"]
w("# dropdx benchmarks")
w("")
w("Written by `bench/run` on %s (took %d s). Do not edit the tables by hand: rerun." % (
    time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(int(os.environ["T1"]))),
    int(os.environ["T1"]) - int(os.environ["T0"])))
w("")
w("**Machine**: %s, %s cores, %s RAM, kernel %s, %s. Load average (1/5/15 min) at the start %s, at the end %s: "
  "the machine is shared with other developers' builds and lab runs, so wall times are noisy; every figure is "
  "the **median [min..max]** over the runs said, and CPU seconds (user+sys, less sensitive to load) are given next to wall seconds." % (
      os.environ["CPU"], os.environ["NCPU"], os.environ["MEM"], os.environ["KERNEL"], os.environ["JAVA_VERSION"],
      os.environ["LOAD_START"], os.environ["LOAD_END"]))
w("")
w("**Rerun**: as root, `bench/run` (builds `target/dropdx.jar` first if it is missing; under 10 minutes on an idle "
  "machine). Knobs: `BENCH_RUNS` (default 5), `BENCH_BATCH` (1000), `BENCH_BATCH_BIG` (10000), `BENCH_LAB` "
  "(scenario names, default all), `BENCH_LAB_WHOLE` (scenarios timed as a whole cold command, default `rp-filter no-socket`), `BENCH_SKIP` (figure numbers to skip, e.g. `\"5 7\"`), `BENCH_LOCK` (a lock file taken only around the lab figures 3, 4, 5 and 7, for a shared machine: `BENCH_LOCK=/tmp/dropdx-lab.lock bench/run`). It sets `DROPDX_DATA_DIR` "
  "to a temp dir (nobody's history is touched) and removes every process, namespace (`dropdx-lab-bench-*`) and "
  "temp file it made, also on Ctrl-C. This run: BENCH_RUNS=%s%s." % (
      runs, "".join(" %s=%s" % (k, os.environ[k]) for k in ("BENCH_LAB", "BENCH_LAB_WHOLE", "BENCH_SKIP", "BENCH_LOCK") if os.environ.get(k))))
w("")

# ---- summary table
lab = rows(os.path.join(W, "lab.tsv"))
flood = rows(os.path.join(W, "flood.tsv"))
storm = rows(os.path.join(W, "storm.tsv"))
w("## Figures against targets")
w("")
w("| # | figure | target | measured: median [min..max] | |")
w("|---|---|---|---|---|")
if "1_replay_plain_wall" in FIG:
    w("| 1 | cold start, `diagnose --replay`, README's command (`bin/dropdx`: its start-up cache, JDK 25's AOT cache where a JDK 25 is installed, else JDK 17's CDS archive; C1, serial GC, rules from the cache), wall s | 1.0 s | %s | %s |" % (
        f("1_replay_cds_wall"), verdict(med(f("1_replay_cds_wall")) <= 1.0)))
    w("| 1 | same, cpu s (user+sys) | - | %s | |" % f("1_replay_cds_cpu"))
    w("| 1 | cold start, `diagnose --replay`, plain `java -jar` (still works, not the documented path), wall s | - | %s | |" %
        f("1_replay_plain_wall"))
    w("| 1 | cold start, `help`, README's command (`bin/dropdx`), wall s | 0.8 s | %s | %s |" % (
        f("1_help_cds_wall"), verdict(med(f("1_help_cds_wall")) <= 0.8)))
    w("| 1 | cold start, `help`, plain `java -jar`, wall s | - | %s | |" % f("1_help_plain_wall"))
if "2_whole" in FIG:
    w("| 2 | batch throughput, %s bundles, whole command, bundles/s | 800/s | %s | %s |" % (
        os.environ["NBATCH"], f("2_whole"), verdict(med(f("2_whole")) >= 800)))
    w("| 2 | batch throughput once started: (%s - %s bundles) / (wall difference), bundles/s, 1 run | 800/s | %s | %s |" % (
        os.environ["NBIG"], os.environ["NBATCH"], f("2_big"), verdict(med(f("2_big")) >= 800)))
if lab:
    WINDOW = 3.0  # lab run's default window, seconds
    diag = [r for r in lab if r[1] not in ("error", "no-drops", "inconclusive")]  # scenarios with a diagnosis
    after = [float(r[6]) / 1000 for r in diag if len(r) > 9 and r[6] != "nan"]
    whole = {k[len("3_whole_"):]: v for k, v in FIG.items() if k.startswith("3_whole_") and not k.startswith("3_whole_cpu_")}
    ratio = [int(r[2]) / int(r[3]) for r in diag if int(r[3]) > 0]
    filing = [int(r[2]) / int(r[11]) for r in diag if len(r) > 11 and int(r[11]) > 0]
    if after:
        w("| 3 | live: from the first matching drop to the diagnosis (rest of the watch + probing after it), s, over the %d scenarios with a diagnosis; the target is for the worst | 1.5 s, worst | %.1f [%.1f..%.1f] | %s |" % (
            len(after), statistics.median(after), min(after), max(after), verdict(max(after) <= 1.5)))
    for name, v in sorted(whole.items()):
        w("| 3 | live: whole `lab run %s` command (JVM, lab set-up, diagnosis, tear-down), s | %s | %s | %s |" % (
            name, "4 s" if name == "rp-filter" else "-", v, verdict(med(v) <= 4) if name == "rp-filter" else ""))
    if ratio:
        w("| 4 | probes run / applicable probes, over the %d scenarios with a diagnosis | 0.30 | %.2f [%.2f..%.2f] | %s |" % (
            len(ratio), statistics.median(ratio), min(ratio), max(ratio), verdict(statistics.median(ratio) <= 0.30)))
        w("| 4 | same, worst diagnosis (item 4: at most 1/3 per diagnosis) | 1/3 | %.2f | %s |" % (max(ratio), verdict(max(ratio) <= 1 / 3)))
    if filing:
        w("| 4 | same, against the 8-probe list of issue 14's filing (catalog of 11 probes then; for comparison only) | - | %.2f [%.2f..%.2f] | |" % (
            statistics.median(filing), min(filing), max(filing)))
if flood:
    w("| 5 | UDP flood received with dropdx diagnosing it / without (as at the issue's filing: the flood's overflow drops match, the watch ends early, the probes, report and history run in the measured 4 s) | 0.98 | %s | %s |" % (f("5_ratio"), verdict(med(f("5_ratio")) >= 0.98)))
    if "5_watch_ratio" in FIG:
        w("| 5 | same, dropdx only watching (a target the flood's drops do not match: the in-kernel program runs on each of the flood's overflow drops for the whole 4 s) | 0.98 | %s | %s |" % (
            f("5_watch_ratio"), verdict(med(f("5_watch_ratio")) >= 0.98)))
if "1_replay_cds_rss" in FIG:
    w("| 6 | peak RSS of one `diagnose --replay`, README's command (`bin/dropdx`), MB | 150 MB | %.0f | %s |" % (
        med(f("1_replay_cds_rss")) / 1024, verdict(med(f("1_replay_cds_rss")) / 1024 <= 150)))
if "1_replay_plain_rss" in FIG:
    w("| 6 | peak RSS of one `diagnose --replay`, plain `java -jar`, MB | - | %.0f | |" % (med(f("1_replay_plain_rss")) / 1024))
if "6_rss_big" in FIG:
    a, b = med(f("6_rss_N")), med(f("6_rss_big"))
    w("| 6 | peak RSS of `batch`: %s vs %s bundles, MB | flat | %.0f vs %.0f (x%.2f) | %s |" % (
        os.environ["NBATCH"], os.environ["NBIG"], a / 1024, b / 1024, b / a, verdict(b / a <= 1.25) + (" (RSS; live heap: see 6 below)" if b / a > 1.25 else "")))
if storm:
    # Not silent: each run diagnoses the storm with the drops it counted, and says how many events it
    # lost when its backend can lose them (tracefs); bpftrace counts in the kernel and loses none.
    cells = ["%s counted, %s lost" % (r[0], r[1]) for r in storm]
    ok = all(r[0] not in ("nan", "0") and r[-1] == "no-socket" for r in storm)
    w("| 7 | drop storm: drops dropdx counted and events it reports lost (per run) | counted or reported, not silent | %s | %s |" % (
        "; ".join(cells), verdict(ok)))
w("")

# ---- details
if "1_replay_plain_wall" in FIG:
    w("## 1. Cold start")
    w("")
    w("Whole process, %s runs each after one warm-up, `/usr/bin/time` (wall, user+sys, max RSS)." % runs)
    w("")
    w("| command | wall s | cpu s | peak RSS KB |")
    w("|---|---|---|---|")
    names = [("help_plain", "`java -jar target/dropdx.jar help`"),
             ("help_cds", "`bin/dropdx help` (CDS archive)"),
             ("replay_plain", "`java -jar target/dropdx.jar diagnose --replay rp-filter.json --format json`"),
             ("replay_cds", "`bin/dropdx diagnose --replay ...` (CDS archive, C1 only, serial GC; compiled rules from the cache)"),
             ("replay_cds_miss", "same, the compiled-rules cache removed before each run (rules compiled)")]
    for k, label in names:
        w("| %s | %s | %s | %s |" % (label, f("1_%s_wall" % k), f("1_%s_cpu" % k), f("1_%s_rss" % k)))
    w("")
    tr = f("1_trail", "").split()
    if len(tr) == 3:
        w("Inside the replayed diagnosis (trail of the last CDS run): the first probe starts %s ms after the "
          "session starts (rules loaded and the first fire) and the session ends at %s ms." % (tr[1], tr[2]))
        w("")
    w("Building the start-up cache (`bin/dropdx --build-cds` from scratch: unpack the jar, training runs, then JDK 17's CDS "
      "dump or JDK 25's AOT cache creation; the launcher does this by itself in the background on the first run after the "
      "jar changed): %s." % f("1_cds_build"))
    w("")
if "2_whole" in FIG:
    n, big = os.environ["NBATCH"], os.environ["NBIG"]
    w("## 2. Batch throughput and 6. memory")
    w("")
    w("Copies of the recorded `rp-filter.json` bundle with varied names in 37 sub-folders; `bin/dropdx batch DIR "
      "--format jsonl` (its start-up cache, serial GC, `-Xmx512m`, one thread per CPU, rules from the cache).")
    w("")
    w("| bundles | wall s | peak RSS KB |")
    w("|---|---|---|")
    w("| 1 | %s | %s |" % (f("2_wall_1"), f("6_rss_1")))
    w("| %s | %s | %s |" % (n, f("2_wall_N"), f("6_rss_N")))
    w("| %s (1 run) | %s | %s |" % (big, f("2_wall_big"), f("6_rss_big")))
    w("")
    w("Bundles per second: whole command of %s bundles %s; once started (between %s and %s bundles, the JVM and "
      "rule start-up cancel out) %s/s. CPU per bundle (median cpu of the %s-bundle batch minus that of the 1-bundle "
      "batch, over %s; start-up and JIT warm-up included): %s ms." % (
        n, f("2_whole"), n, big, f("2_big"), n, n, f("2_cpu_ms")))
    w("Summary lines (stderr): `%s` and `%s`." % (f("2_summary"), f("6_big_summary")))
    w("")
if lab:
    w("## 3. Live time to diagnosis and 4. probes per diagnosis (lab scenarios)")
    w("")
    w("Every scenario in one process (`java -jar target/dropdx.jar script FILE`, one `lab run NAME --format json` a line; default window 3 s). From the JSON trail: the drop-watch step "
      "starts while the scenario's traffic is already flowing, so the first matching drop is seen as soon as the watch "
      "is attached (bpftrace start-up, then the window). *Drop-watch step* = the whole step (start-up + window); "
      "*after first drop* = the rest of the watch after the target's first drops were seen (the watch ends 1 s after "
      "them, its note in the trail says when; when it ran its whole window, the 3 s window) + *after the watch* (end "
      "of the last step minus the end of the drop-watch step: the rule-driven probing). *Whole* is the whole command, JVM start, "
      "set-up and tear-down included.")
    w("")
    w("**Applicable probes** (the exhaustive baseline, defined once in bench/baseline.py for bench/run and bench/live): "
      "every built-in probe that `rules probes --format json` reports available on this host (the stap probes need the "
      "kernel's debuginfo), less those the target's family or protocol rules out: `local-addresses` and `igmp` not for "
      "IPv6, `igmp6` not for IPv4, `igmp`/`igmp6` only for multicast or IGMP/OSPF targets, `gre-handler` only for GRE, "
      "`vxlan-link` only for VXLAN (a target with no protocol keeps both). An exhaustive tool runs each once. "
      "*Probes run* = trail steps that ran a probe (not the host step, `stop` or a step answered from an earlier one), "
      "repeats included. The summary also gives the ratio against the 8-probe list figure 4 used when issue 14 was "
      "filed, when the catalog had 11 probes.")
    w("")
    w("| scenario | got | probes run | applicable | ratio | drop watch starts at ms | drop-watch step s | after first drop s | after the watch s | probes run |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    for r in lab:
        ratio = "%.2f" % (int(r[2]) / int(r[3])) if r[1] != "error" and int(r[3]) else "-"
        step = "%.1f" % ((float(r[8]) - float(r[4]) - float(r[9])) / 1000) if r[4] != "nan" and r[9] != "nan" else "-"
        aft = "%.1f" % (float(r[6]) / 1000) if len(r) > 9 and r[6] != "nan" else "-"
        aw = "%.1f" % (float(r[9]) / 1000) if len(r) > 9 and r[9] != "nan" else "-"
        w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (r[0], r[1], r[2], r[3], ratio, r[4], step, aft, aw,
                                                            r[10] if len(r) > 10 else "-"))
    w("")
    for name, v in sorted(whole.items()):
        w("Whole command, cold, `bin/dropdx lab run %s --format json` (README's launcher): wall %s s, cpu %s s." % (
            name, v, f("3_whole_cpu_" + name)))
    w("")
if flood:
    w("## 5. Cost to the host")
    w("")
    w("Two namespaces `dropdx-lab-bench-tx`/`-rx` joined by a veth pair (198.18.90.1 -> 198.18.90.2), "
      "`packets.py send-udp --interval 0` to a `udp-sink` on port 9000; received = the receiving veth's `rx_packets` "
      "over %s s. Alternating: windows without dropdx and windows while `bin/dropdx diagnose --netns "
      "dropdx-lab-bench-rx --dst 198.18.90.2 --proto udp --dport PORT` runs (measured once its bpftrace/tracefs watch "
      "is up: bpftrace's programs loaded, so the JVM start and bpftrace's compile are not in the window); each run's "
      "baseline is the mean of the windows without dropdx just before and just after it, so a drift of the flood's rate "
      "counts neither way. *Diagnosing the flood* (the figure as issue 14 was filed): PORT "
      "9000, whose socket's receive-buffer overflow drops match, so the watch ends a fraction of a second after it "
      "starts and the rule-driven probes, the report and the history run inside the measured window. *Watching only*: "
      "PORT 9001, which none of the flood's drops match, so the watch runs through the measurement and its program "
      "runs on each of the flood's drops." % os.environ["FLOOD_S"])
    w("")
    w("| run | without (mean of before and after), pkt/s | diagnosing the flood, pkt/s | ratio | receive-buffer drops meanwhile, /s |")
    w("|---|---|---|---|---|")
    for i, r in enumerate(flood, 1):
        w("| %d | %s | %s | %s | %s |" % (i, r[0], r[1], r[2], r[3] if len(r) > 3 else "-"))
    w("| median [min..max] | %s | %s | %s | |" % (f("5_base"), f("5_watched"), f("5_ratio")))
    w("")
    diag = rows(os.path.join(W, "flood-watch.tsv"))
    if diag:
        w("| run | without (mean of before and after), pkt/s | watching only, pkt/s | ratio | receive-buffer drops meanwhile, /s |")
        w("|---|---|---|---|---|")
        for i, r in enumerate(diag, 1):
            w("| %d | %s | %s | %s | %s |" % (i, r[0], r[1], r[2], r[3] if len(r) > 3 else "-"))
        w("| median | | | %s | |" % f("5_watch_ratio"))
        w("")
if storm:
    w("## 7. Loss in a drop storm")
    w("")
    w("Two `send-udp --interval 0` senders to 198.18.90.2 port 9 (no socket: every datagram is dropped with NO_SOCKET), "
      "`diagnose --netns dropdx-lab-bench-rx --dst 198.18.90.2 --proto udp --dport 9 --window 3`. *NoPorts* is the "
      "receiver's Udp NoPorts counter over the whole command (a bit longer than the watch).")
    w("")
    w("| run | matched drops dropdx counted | lost events dropdx reported | watch s | NoPorts (kernel) | exit | verdict |")
    w("|---|---|---|---|---|---|---|")
    for i, r in enumerate(storm, 1):
        w("| %d | %s |" % (i, " | ".join(r)))
    w("")

notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
if os.path.exists(notes):
    w(open(notes).read().rstrip())
    w("")
# bench/live writes its own section (between these markers): keep it when the rest is rewritten.
if os.path.exists(DOC):
    old = open(DOC).read()
    a, b = old.find("## Live speed (bench/live)"), old.find("<!-- live:end -->")
    if 0 <= a < b:
        w(old[a:b + len("<!-- live:end -->")])
        w("")
open(DOC, "w").write("\n".join(out))
