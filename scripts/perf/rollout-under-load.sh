#!/usr/bin/env bash
# A model rollout under load: a 64-dimension `default` (10,000 items, 1,000 users) is replaced by a
# 128-dimension `books-v2` while wrk asks for recommendations the whole time, and every answer is checked:
# 2xx, and one model named in its model block, of that model's dimension (scripts/perf/rollout.lua).
# Steps, each while the load runs: define books-v2, bulk-load its item and user vectors, reload, split 10%,
# 50%, 100%, retire default (its vectors leave memory at the next refresh and the store in the background).
#
#   ./mvnw -B package -DskipTests && scripts/perf/rollout-under-load.sh
#
# Environment: JAVA (default: JDK 25 if installed), APP_DIR (target/quarkus-app), CONNECTIONS (8), THREADS (2),
# PAUSE (s between steps, 5), ENGINE_PORT (18710), APP_PORT (18790), OUT (target/perf-rollout).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=scripts/perf

APP_DIR=${APP_DIR:-target/quarkus-app}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
PAUSE=${PAUSE:-5}
USERS=1000
ITEMS=10000
ENGINE_PORT=${ENGINE_PORT:-18710}
APP_PORT=${APP_PORT:-18790}
OUT=${OUT:-target/perf-rollout}
. $HERE/common.sh
start_engine
start_app RECOMMEND_CATALOG_REFRESH=5s

vectors() { # kind id-prefix count dimension -> NDJSON of one model's vectors
  python3 - "$@" <<'PY'
import json, random, sys
kind, prefix, n, d = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for i in range(n):
    rnd = random.Random(f"{prefix}{i}/{d}")
    v = [round(rnd.gauss(0, 1), 4) for _ in range(d)]
    print(json.dumps({"item_id": f"{prefix}{i}", "title": f"Item {i}", "embedding": v} if kind == "items"
                     else {"user_id": f"{prefix}{i}", "features": v}))
PY
}
call() { # method path [body-file content-type] -> status, body kept in $OUT/last.json
  local status
  if [ $# -gt 2 ]; then
    status=$(curl -s -o "$OUT/last.json" -w '%{http_code}' -X "$1" -H "Content-Type: $4" --data-binary @"$3" "$BASE$2")
  else
    status=$(curl -s -o "$OUT/last.json" -w '%{http_code}' -X "$1" "$BASE$2")
  fi
  printf '%6.1f s  %s %s -> %s\n' "$(echo "$(date +%s.%N) - $T0" | bc)" "$1" "$2" "$status"
  case "$status" in 2*) ;; *) cat "$OUT/last.json" >&2; exit 1 ;; esac
}

T0=$(date +%s.%N)
echo "seeding $ITEMS items x 64 and $USERS users x 64 in default"
vectors items item- $ITEMS 64 >"$OUT/items.ndjson"
call POST /v1/items/import "$OUT/items.ndjson" application/x-ndjson
python3 $HERE/seed_users.py "$USERS" 64 "$BASE"
call POST /v1/catalog/reload
vectors items item- $ITEMS 128 | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line); print(json.dumps({"item_id": o["item_id"], "embedding": o["embedding"]}))' >"$OUT/v2-items.ndjson"
vectors users load- $USERS 128 >"$OUT/v2-users.ndjson"
echo '{"dimension": 128, "metric": "dot"}' >"$OUT/define.json"
echo '{"split": {"default": 90, "books-v2": 10}, "salt": "rollout"}' >"$OUT/split10.json"
echo '{"split": {"default": 50, "books-v2": 50}, "salt": "rollout"}' >"$OUT/split50.json"
echo '{"split": {"books-v2": 100}, "salt": "rollout"}' >"$OUT/split100.json"

echo "# $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) CPUs," \
  "avx512f: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no), $("$JAVA" -version 2>&1 | sed -n 2p)"
DURATION=$((PAUSE * 9 + 40))
USERS=$USERS DIMENSIONS="default=64,books-v2=128" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s \
  -s $HERE/rollout.lua "$BASE" >"$OUT/wrk.txt" 2>"$OUT/wrk.err" &
WRK_PID=$!
T0=$(date +%s.%N)
sleep "$PAUSE"
call PUT /v1/models/books-v2 "$OUT/define.json" application/json
call POST /v1/models/books-v2/items/import "$OUT/v2-items.ndjson" application/x-ndjson
call POST /v1/models/books-v2/users/import "$OUT/v2-users.ndjson" application/x-ndjson
call POST /v1/catalog/reload
sleep "$PAUSE"
call PUT /v1/models/traffic "$OUT/split10.json" application/json
sleep "$PAUSE"
call PUT /v1/models/traffic "$OUT/split50.json" application/json
sleep "$PAUSE"
call PUT /v1/models/traffic "$OUT/split100.json" application/json
sleep "$PAUSE"
call DELETE /v1/models/default
wait $WRK_PID
grep RESULT "$OUT/wrk.txt" | sed 's/^RESULT /wrk: /'
head -5 "$OUT/wrk.err" || true
grep -c '"level":"ERROR"' "$OUT/app.log" | sed 's/^/ERROR lines in the service log: /' || true
