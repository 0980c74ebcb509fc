"""Reads the JSON reports of `lab run NAME --format json` (concatenated, in scenario order) and
prints one line per scenario for bench/live:

name expected got first_drop_to_diagnosis_ms probes_run baseline ratio duplicates watch_ms probes

first_drop_to_diagnosis_ms: from the target's first matching drop to the end of the diagnosis (the
end of its last trail step). The drop watch's note says when bpftrace's probes were attached (its
start-up after the step began) and how far into the watch the target's drops were first seen (in
bpftrace's 100 ms dumps, so the drop itself may be up to one dump earlier); when the watch ran its
whole window (no early end), the first drop is taken as at the window's start.

baseline (the exhaustive baseline) and probes_run: defined once, in bench/baseline.py (shared with
bench/lab.py): every probe of the built jar's catalog that this host can run and that can mean
something for the target's family and protocol; probes_run counts the trail steps that ran a probe.
duplicates: steps that ran a probe with the same parameters as an earlier step.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baseline as probe_baseline  # noqa: E402

EARLY = re.compile(r"ended early: drops matching the target were seen ([\d.]+) s into it .*its start-up, ([\d.]+) s before that")
WHOLE = re.compile(r"ran its whole (\d+) s window .*start-up, ([\d.]+) s before that")


def reports(path):
    text, dec, i, docs = open(path).read(), json.JSONDecoder(), 0, []
    while True:
        j = text.find("{", i)
        if j < 0:
            return docs
        try:
            d, i = dec.raw_decode(text, j)
            if isinstance(d, dict) and "trail" in d:
                docs.append(d)
        except ValueError:
            i = j + 1


def main():
    root, path, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    listing = probe_baseline.catalog(root)
    docs = reports(path)
    for name, d in zip(names, docs + [None] * len(names)):
        if d is None:
            print(name, "-", "error", "nan", 0, 0, "nan", 0, "nan", "-")
            continue
        t = d["trail"]
        ran = probe_baseline.probes_run(t)
        seen, dups = set(), 0
        for s in ran:
            k = s["probe"] + json.dumps(s.get("params") or {}, sort_keys=True)
            dups += k in seen
            seen.add(k)
        dw = [s for s in t if s["probe"] == "drop-watch"]
        end = max(s["atMillis"] + s["millis"] for s in t)
        got = d["diagnoses"][0]["cause"] if d["diagnoses"] else d["verdict"]
        if dw:
            notes = " ".join(dw[0].get("notes") or [])
            m = EARLY.search(notes)
            w = WHOLE.search(notes)
            if m:
                first_drop = dw[0]["atMillis"] + (float(m.group(2)) + float(m.group(1))) * 1000
            elif w:
                first_drop = dw[0]["atMillis"] + float(w.group(2)) * 1000
            else:
                first_drop = float("nan")
            after = end - first_drop
            watch = dw[0]["millis"]
        else:
            after, watch = float("nan"), float("nan")
        base = probe_baseline.applicable(listing, d.get("target") or {})
        print(name, "-", got, "%.0f" % after, len(ran), len(base), "%.2f" % (len(ran) / len(base)), dups, "%.0f" % watch,
              ",".join(s["probe"] for s in ran) or "-")


if __name__ == "__main__":
    main()
