"""Reads the JSON reports of `lab run NAME --format json` (concatenated, in scenario order) and
prints one line per scenario for bench/run (figures 3 and 4):
name got probes_run applicable watch_start_ms after_watch_start_ms after_first_drop_ms - end_ms after_watch_ms probes filing_applicable

probes_run and applicable (the exhaustive baseline) are defined once, in bench/baseline.py (shared
with bench/live.py): the baseline comes from the catalog of the built jar (`rules probes --format json`).

after_first_drop_ms: from the first matching drop to the end of the diagnosis. When the watch ended
early, its note says when (relative to bpftrace's start) the target's drops were first seen and when
the watch ended; otherwise the first drop is taken as at the start of the window (3 s, the default).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baseline  # noqa: E402

WINDOW_MS = 3000
EARLY = re.compile(r"ended early: drops matching the target were seen ([\d.]+) s into it and counted for ([\d.]+) s more")

text, names = open(sys.argv[1]).read(), sys.argv[2:]
dec, i, docs = json.JSONDecoder(), 0, []
while True:
    j = text.find("{", i)
    if j < 0:
        break
    try:
        d, i = dec.raw_decode(text, j)
        if isinstance(d, dict) and "trail" in d:
            docs.append(d)
    except ValueError:
        i = j + 1

LISTING = baseline.catalog(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

for name, d in zip(names, docs + [None] * len(names)):
    if d is None:
        print(name, "error", 0, 0, "nan", "nan", "nan", "-", "nan", "nan", "-", 0)
        continue
    t = d["trail"]
    probes = baseline.probes_run(t)
    dw = [s for s in t if s["probe"] == "drop-watch"]
    end = max(s["atMillis"] + s["millis"] for s in t)
    watch_start = dw[0]["atMillis"] if dw else float("nan")
    watch_end = dw[0]["atMillis"] + dw[0]["millis"] if dw else float("nan")
    app = baseline.applicable(LISTING, d.get("target") or {})
    got = d["diagnoses"][0]["cause"] if d["diagnoses"] else d["verdict"]
    early = [m for n in (dw[0].get("notes") or [] if dw else []) for m in [EARLY.search(n)] if m]
    if early:
        after_first = (end - watch_end) + float(early[0].group(2)) * 1000
    else:
        after_first = (end - watch_end) + WINDOW_MS
    print(name, got, len(probes), len(app), "%.0f" % watch_start, "%.0f" % (end - watch_start), "%.0f" % after_first, "-",
          "%.0f" % end, "%.0f" % (end - watch_end), ",".join(s["probe"] for s in probes) or "-",
          len(baseline.filing_applicable(d.get("target") or {})))
