#!/usr/bin/env bash
# An offline evaluation of USERS users over an ITEMS x 64 catalog while wrk asks for recommendations: the
# evaluation's wall time and users per second, and the recommendation p99 of the same traffic without and with it
# (docs/evaluation.md, "Load on the pod"). Run it on a quiet machine; the figures belong in docs/benchmarks.md.
#
#   ./mvnw -B package -DskipTests && scripts/perf/evaluation-under-load.sh
#
# VARIANTS: service settings to compare on the same seeded engine, one restart each, e.g.
#   VARIANTS="default EVALUATION_SCAN_SEGMENTS=4,EVALUATION_SCAN_PAGE_ITEMS=100000" (comma-separated within one).
#
# Environment: JAVA (default: JDK 25 if installed), APP_DIR (target/quarkus-app), USERS (10000), ITEMS (100000),
# DURATION (s of each wrk run, 20: about the evaluation's own time, so that the with-evaluation run is all of it),
# CONNECTIONS (8), THREADS (2), ENGINE_PORT (18730), APP_PORT (18791), OUT (target/perf-evaluation).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=scripts/perf

APP_DIR=${APP_DIR:-target/quarkus-app}
USERS=${USERS:-10000}
ITEMS=${ITEMS:-100000}
DURATION=${DURATION:-20}
VARIANTS=${VARIANTS:-default}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
ENGINE_PORT=${ENGINE_PORT:-18730}
APP_PORT=${APP_PORT:-18791}
OUT=${OUT:-target/perf-evaluation}
. $HERE/common.sh
start_engine
start_app RECOMMEND_CATALOG_REFRESH=1h

T0=$(date +%s.%N)
echo "seeding $ITEMS items x 64"
python3 - "$ITEMS" >"$OUT/items.ndjson" <<'PY'
import json, random, sys
for i in range(int(sys.argv[1])):
    rnd = random.Random(f"item-{i}")
    print(json.dumps({"item_id": f"item-{i}", "title": f"Item {i}", "embedding": [round(rnd.gauss(0, 1), 4) for _ in range(64)]}))
PY
curl -fs -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$OUT/items.ndjson" "$BASE/v1/items/import" \
  | head -c 200; echo
echo "seeding $USERS users with a past"
python3 $HERE/seed_evaluation.py "$USERS" "$ITEMS" 64 "$BASE"
curl -fs -X POST "$BASE/v1/catalog/reload" >/dev/null
echo "seeded in $(echo "$(date +%s.%N) - $T0" | bc | cut -d. -f1) s"

echo "# $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) CPUs," \
  "avx512f: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no), $("$JAVA" -version 2>&1 | sed -n 2p)"
load() { # label
  USERS=$USERS PATH_TEMPLATE='/v1/users/load-%d/recommendations?k=10' wrk -t"$THREADS" -c"$CONNECTIONS" \
    -d"${DURATION}s" --timeout 30s -s $HERE/load.lua "$BASE" >"$OUT/wrk-$1.txt" 2>&1
  grep RESULT "$OUT/wrk-$1.txt" | sed "s/^RESULT /$1: /"
}

BODY='{"cutoff": "2026-02-01T00:00:00Z", "until": "2026-03-01T00:00:00Z", "k": [5, 10, 25], "users": '"$USERS"'}'
for variant in $VARIANTS; do
  echo "## service settings: $variant"
  settings=()
  [ "$variant" = default ] || IFS=, read -ra settings <<<"$variant"
  stop_app
  start_app RECOMMEND_CATALOG_REFRESH=1h ${settings[@]+"${settings[@]}"}
  load "warm-up-$variant" >/dev/null
  load "without-evaluation"

  STARTED=$(date +%s.%N)
  curl -fs -X POST -H 'Content-Type: application/json' -d "$BODY" "$BASE/v1/models/default/evaluations" >"$OUT/started.json"
  ID=$(grep -o '"id":"[^"]*"' "$OUT/started.json" | cut -d'"' -f4)
  load with-evaluation &
  LOAD_PID=$!
  while curl -fs "$BASE/v1/models/default/evaluations/$ID" >"$OUT/evaluation.json" \
      && grep -q '"state":"running"' "$OUT/evaluation.json"; do sleep 0.5; done
  FINISHED=$(date +%s.%N)
  wait $LOAD_PID
  WALL=$(echo "$FINISHED - $STARTED" | bc)
  EVALUATED=$(grep -o '"users_evaluated":[0-9]*' "$OUT/evaluation.json" | cut -d: -f2)
  echo "evaluation: $(grep -o '"state":"[a-z]*"' "$OUT/evaluation.json"), $EVALUATED users evaluated in ${WALL} s" \
    "($(echo "scale=1; $EVALUATED / $WALL" | bc) users/s, wall time including the events scan)"
  if (( $(echo "$WALL < $DURATION" | bc) )); then
    echo "note: the evaluation ended before the ${DURATION} s load run; with-evaluation mixes both (lower DURATION)"
  fi
  curl -fs "$BASE/q/metrics" | grep -E '^evaluation_users_per_second' || true
  grep -c '"level":"ERROR"' "$OUT/app.log" | sed 's/^/ERROR lines in the service log: /' || true
done
