#!/usr/bin/env python3
"""Seeds a past for an offline evaluation: profiles load-0..USERS-1, their default vectors valid from
2025-12-01 (the per-model import with event_time), and per user BEFORE purchases in January 2026 and AFTER in
February 2026 of random items item-0..ITEMS-1 (relevance is not what a load test measures).

  seed_evaluation.py USERS ITEMS DIMENSION BASE_URL [BEFORE AFTER]
"""
import json, random, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

users, items, d, base = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
before = int(sys.argv[5]) if len(sys.argv) > 5 else 3
after = int(sys.argv[6]) if len(sys.argv) > 6 else 2


def call(method, path, body, content_type="application/json"):
    req = urllib.request.Request(base + path, data=body, method=method, headers={"Content-Type": content_type})
    for attempt in range(20):  # a busy machine can push the store past its time budget: 503, retry
        try:
            return urllib.request.urlopen(req, timeout=120).read()
        except urllib.error.HTTPError as e:
            if e.code != 503 or attempt == 19:
                raise
            time.sleep(1)


def profile(u):
    call("PUT", f"/v1/users/load-{u}", json.dumps({"user_name": f"User {u}"}).encode())


def events(u):
    rnd = random.Random(f"events-{u}")
    picks = rnd.sample(range(items), before + after)
    out = []
    for i, item in enumerate(picks):
        day = 2 + (i * 27 // max(1, before)) if i < before else 2 + ((i - before) * 25 // max(1, after))
        month = "01" if i < before else "02"
        out.append({"event_id": f"ev-{u}-{i}", "type": "purchase", "item_id": f"item-{item}",
                    "occurred_at": f"2026-{month}-{day:02d}T12:00:00Z"})
    call("POST", f"/v1/users/load-{u}/events", json.dumps({"events": out}).encode())


with ThreadPoolExecutor(16) as pool:
    list(pool.map(profile, range(users)))
lines = []
for u in range(users):
    rnd = random.Random(f"user-{u}")
    lines.append(json.dumps({"user_id": f"load-{u}", "features": [round(rnd.gauss(0, 1), 4) for _ in range(d)],
                             "event_time": "2025-12-01T00:00:00Z"}))
for start in range(0, users, 5000):
    answer = json.loads(call("POST", "/v1/models/default/users/import",
                             ("\n".join(lines[start:start + 5000]) + "\n").encode(), "application/x-ndjson"))
    if answer.get("rejected_count"):
        sys.exit(f"user vectors rejected: {answer}")
with ThreadPoolExecutor(16) as pool:
    list(pool.map(events, range(users)))
print(f"seeded {users} users: vectors valid from 2025-12-01, {before} purchases in January, {after} in February")
