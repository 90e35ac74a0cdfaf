#!/usr/bin/env python3
"""PUT profiles load-0..COUNT-1 with DIMENSION user_features, the users scripts/perf/load.lua picks.

  seed_users.py COUNT DIMENSION BASE_URL

Used by scripts/perf/cpu-per-request.sh and scripts/catalog-scale.sh: the same profiles, so figures compare.
"""
import json, random, sys, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

n, d, base = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def put(u):
    rnd = random.Random(u)
    body = json.dumps({"user_name": f"User {u}",
                       "attributes": {"tier": "gold", "city": "Lyon", "interests": ["sf", "crime"], "newsletter": True},
                       "user_features": [round(rnd.gauss(0, 1), 4) for _ in range(d)]}).encode()
    req = urllib.request.Request(f"{base}/v1/users/load-{u}", data=body, method="PUT",
                                 headers={"Content-Type": "application/json"})
    for attempt in range(20):  # a busy machine can push the store past its time budget: 503, retry
        try:
            urllib.request.urlopen(req, timeout=60).read()
            return
        except urllib.error.HTTPError as e:
            if e.code != 503 or attempt == 19:
                raise
            time.sleep(1)


with ThreadPoolExecutor(4) as pool:
    list(pool.map(put, range(n)))
