#!/usr/bin/env python3
"""CPU time of a process and of its thread groups, from /proc (utime+stime, in clock ticks).

  cpu_snapshot.py snap PID            -> one JSON line: {"total": ticks, "groups": {group: ticks}, "tasks": {tid: [name, ticks]}}
  cpu_snapshot.py diff BEFORE AFTER N -> CPU microseconds per request (N requests) of the process and per group

Threads that ended between the snapshots show up in "exited" (process total minus the live threads).
"""
import json, os, re, sys

TICK = os.sysconf("SC_CLK_TCK")
GROUPS = [  # first match wins; names are /proc/<pid>/task/<tid>/comm (15 characters at most)
    ("event-loop", r"^vert\.x-eventloo"),
    ("executor", r"^executor-thread"),
    ("c2-compiler", r"^C2 CompilerThre"),
    ("c1-compiler", r"^C1 CompilerThre"),
    ("gc", r"^(G1 |GC Thread|VM Periodic|VM Thread)"),
    ("sdk/netty", r"^(aws-java-sdk|sdk-async|nioEventLoop|aws-|Thread-)"),
    ("scoring", r"^(scoring|recommend)"),
]


def ticks(stat):
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def group(name):
    for label, pattern in GROUPS:
        if re.search(pattern, name):
            return label
    return "other"


def snap(pid):
    with open(f"/proc/{pid}/stat") as f:
        total = ticks(f.read())
    tasks = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                tasks[tid] = [name, ticks(f.read())]
        except OSError:
            pass  # ended while we looked
    return {"total": total, "tasks": tasks}


def diff(before, after, requests):
    us = lambda t: t * 1e6 / TICK / max(requests, 1)
    groups = {}
    live = 0
    for tid, (name, t) in after["tasks"].items():
        d = t - before["tasks"].get(tid, [name, 0])[1]
        groups[group(name)] = groups.get(group(name), 0) + d
        live += d
    total = after["total"] - before["total"]
    groups["exited"] = total - live
    parts = " ".join(f"{g}={us(d):.0f}" for g, d in sorted(groups.items(), key=lambda kv: -kv[1]) if d > 0)
    return f"cpu_us={us(total):.0f} [{parts}]"


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        print(json.dumps(snap(sys.argv[2])))
    else:
        load = lambda p: json.load(open(p))
        print(diff(load(sys.argv[2]), load(sys.argv[3]), int(sys.argv[4])))
