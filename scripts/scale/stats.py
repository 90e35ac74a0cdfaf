#!/usr/bin/env python3
"""Small readers for scripts/catalog-scale.sh.

  stats.py cpu-seconds BEFORE AFTER   CPU seconds of a process between two cpu_snapshot.py snaps
                                      (BEFORE "-": since the process started)
  stats.py jstat-peak FILE            max heap used (S0U+S1U+EU+OU) in MiB over `jstat -gc` samples,
                                      with the capacity committed at that sample and the sample count
  stats.py gc-peak LOG UNTIL_S        max heap occupancy before a GC pause in a -Xlog:gc* file, up to
                                      UNTIL_S seconds of JVM uptime (catches the peaks that 0.5 s
                                      jstat samples fall between)
  stats.py import-answer FILE         "imported rejected_count resume_from_line" of an import answer
"""
import json
import os
import re
import sys


def cpu_seconds(before, after):
    load = lambda p: 0 if p == "-" else json.load(open(p))["total"]
    return (load(after) - load(before)) / os.sysconf("SC_CLK_TCK")


def jstat_peak(path):
    header, best, samples = None, None, 0
    for line in open(path):
        cols = line.split()
        if not cols:
            continue
        if "EU" in cols:
            header = cols
            continue
        if header is None or len(cols) != len(header):
            continue
        try:
            row = dict(zip(header, map(float, cols)))
        except ValueError:
            continue
        samples += 1
        used = sum(row.get(k, 0) for k in ("S0U", "S1U", "EU", "OU")) / 1024
        committed = sum(row.get(k, 0) for k in ("S0C", "S1C", "EC", "OC")) / 1024
        if best is None or used > best[0]:
            best = (used, committed)
    if best is None:
        return "n/a n/a 0"
    return f"{best[0]:.0f} {best[1]:.0f} {samples}"


UNITS = {"K": 1 / 1024, "M": 1, "G": 1024}
# [12.345s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 12.345ms
PAUSE = re.compile(r"^\[(\d+\.\d+)s\].*\bGC\(\d+\) Pause .* (\d+)([KMG])->\d+[KMG]\(\d+[KMG]\)")


def gc_peak(path, until):
    peak = 0.0
    for line in open(path, errors="replace"):
        m = PAUSE.match(line)
        if m and float(m.group(1)) <= until:
            peak = max(peak, int(m.group(2)) * UNITS[m.group(3)])
    return f"{peak:.0f}"


def import_answer(path):
    try:
        answer = json.load(open(path))
    except (OSError, ValueError):
        return "- - -"
    return " ".join(str(answer.get(k, "-")) for k in ("imported", "rejected_count", "resume_from_line"))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "cpu-seconds":
        print(f"{cpu_seconds(*args):.1f}")
    elif cmd == "jstat-peak":
        print(jstat_peak(args[0]))
    elif cmd == "gc-peak":
        print(gc_peak(args[0], float(args[1])))
    elif cmd == "import-answer":
        print(import_answer(args[0]))
    else:
        sys.exit(f"unknown command {cmd}")
