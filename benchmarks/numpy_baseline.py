#!/usr/bin/env python3
"""numpy baseline: exact top-10 by matrix-vector product + argpartition on 1M x 64 float32.

Run: python3 benchmarks/numpy_baseline.py [rows] [dim]  (default 1M x 64; uses the system numpy)
"""
import os
import sys
import time

import numpy as np

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
DIM = int(sys.argv[2]) if len(sys.argv) > 2 else 64
K, QUERIES = 10, 16
rng = np.random.default_rng(1)
m = rng.standard_normal((ROWS, DIM), dtype=np.float32)
queries = rng.standard_normal((QUERIES, DIM), dtype=np.float32)


def top_k(q):
    s = m @ q
    idx = np.argpartition(-s, K)[:K]
    # score descending, ties by lower row
    return idx[np.lexsort((idx, -s[idx]))]


for q in queries[:3]:
    top_k(q)  # warm-up
best = float("inf")
for _ in range(5):
    t0 = time.perf_counter()
    for q in queries:
        top_k(q)
    best = min(best, (time.perf_counter() - t0) / QUERIES)
t0 = time.perf_counter()
for _ in range(5):
    for q in queries:
        m @ q
matvec = (time.perf_counter() - t0) / (5 * QUERIES)
print(f"numpy {np.__version__}, threads env OMP/OPENBLAS={os.environ.get('OMP_NUM_THREADS')}/{os.environ.get('OPENBLAS_NUM_THREADS')}")
print(f"{ROWS} x {DIM} float32 top-10: best {best * 1e3:.2f} ms/query (matvec alone {matvec * 1e3:.2f} ms, "
      f"{ROWS * DIM * 4 / matvec / 1e9:.1f} GB/s)")
