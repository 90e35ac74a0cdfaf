#!/usr/bin/env bash
# CPU time per answered request of the packaged service and of the DynamoDB engine, per path.
# Starts dynoxide and the packaged jar (auth off) on their own ports, seeds 1,000 profiles (64
# features, a small attributes map) and a 10,000 x 64 catalog, warms every path up, then
# runs wrk on each path and prints rps, p50/p99 and CPU microseconds per request of the service
# (by thread group: event loops, executor threads, C2, GC, ...) and of the engine, read from
# /proc/<pid>/stat and /proc/<pid>/task/*/stat. Finally it grows the catalog to 100,000 items
# and measures recommendations again (INT8_ITEMS may list several sizes, grown in turn:
# "400000 1000000"). A recommendation path is named by its catalog's size and the precision the service
# reports scanning it at (recs_10k_int8; recs_10k_f32 with APP_ENV=RECOMMEND_PRECISION=float32).
# CPU per request holds still when other work shares the machine; throughput does not.
# ONE_AT_A_TIME=1 measures every recommendation path a second time with one connection (name_c1): the
# cost of a request alone, with nothing to batch with and every thread hop paid in full.
#
#   ./mvnw -B package -DskipTests && scripts/perf/cpu-per-request.sh
#   DURATION=10 WARMUP=30 INT8_ITEMS=0 scripts/perf/cpu-per-request.sh      # shorter, no int8 case
#   JAVA_OPTS=-XX:AOTCache=app.aot CURVE=60 scripts/perf/cpu-per-request.sh # warm-up curve (below)
#
# CURVE=N: after seeding, restart the service and report GET CPU per request in 5 s windows for N
# seconds once it is ready, each labelled with the time since the JVM's launch (instead of the
# steady-state table): how fast a new pod settles.
#
# PROFILE=1: after the table, attach async-profiler (itimer; the jar from the local Maven repository,
# tools.profiler:async-profiler:4.1) for DURATION seconds of GET and of recommendations each, and
# write collapsed stacks and a summary to $OUT/profile-*.
#
# Environment: JAVA (default: JDK 25 if installed), JAVA_OPTS, APP_DIR (default target/quarkus-app),
# DURATION (s per path, 20), WARMUP (s in all, 40), CONNECTIONS (16), THREADS (2), ITEMS (10000),
# INT8_ITEMS (100000; sizes to grow to, in order; 0 skips), INT8_WARMUP (s of GETs, then of recommendations, once
# the catalog grew; WARMUP / 5), ONE_AT_A_TIME (0),
# READ_TIMEOUT (30s; see common.sh), ENGINE_PORT (18700), APP_PORT (18780), OUT (target/perf),
# APP_ENV (NAME=value settings of the service, space-separated),
# PATHS (all; else the measured paths by name, e.g. "recs_10k_int8 recs_100k_int8 recs_1m_int8").
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=scripts/perf

APP_DIR=${APP_DIR:-target/quarkus-app}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-40}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
USERS=1000
ITEMS=${ITEMS:-10000}
INT8_ITEMS=${INT8_ITEMS:-100000}
DIMENSION=64
CURVE=${CURVE:-0}
ENGINE_PORT=${ENGINE_PORT:-18700}
APP_PORT=${APP_PORT:-18780}
OUT=${OUT:-target/perf}
# The interpreter itself, not a version manager's shim: the snapshots run between measurements.
PY=$(python3 -c 'import sys; print(sys.executable)')
. $HERE/common.sh
start_engine

items() { # first count -> NDJSON of items first..first+count-1
  python3 - "$1" "$2" "$DIMENSION" <<'PY'
import json, random, sys
first, n, d = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
for i in range(first, first + n):
    rnd = random.Random(i)
    print(json.dumps({"item_id": f"item-{i}", "title": f"Item {i}",
                      "embedding": [round(rnd.gauss(0, 1), 4) for _ in range(d)]}))
PY
}

import_items() { # first count
  items "$1" "$2" >"$OUT/items.ndjson"
  curl -fs -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$OUT/items.ndjson" "$BASE/v1/items/import" >/dev/null
  curl -fs -X POST "$BASE/v1/catalog/reload" >/dev/null
}

seed_users() {
  python3 $HERE/seed_users.py "$USERS" "$DIMENSION" "$BASE"
}

ENGINE_URL="http://127.0.0.1:$ENGINE_PORT"
selected() { [ -z "${PATHS:-}" ] || [[ " $PATHS " == *" $1 "* ]]; }
GET=/v1/users/load-%d
FIELDS="/v1/users/load-%d?fields=user_name"
RECS="/v1/users/load-%d/recommendations?k=10"

start_app ${APP_ENV:-}
echo "seeding $ITEMS items (dimension $DIMENSION) and $USERS profiles"
import_items 0 "$ITEMS"
seed_users
echo "# $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) CPUs," \
  "avx512f: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $("$JAVA" -version 2>&1 | sed -n 2p); JAVA_OPTS=${JAVA_OPTS:-}; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"

if [ "$CURVE" -gt 0 ]; then
  stop_app
  start_app ${APP_ENV:-}
  ready=$($PY -c "import time; print(f'{time.time() - $STARTED:.1f}')")
  echo "# warm-up curve: GET CPU per request in 5 s windows; ready after ${ready} s"
  end=$($PY -c "import time; print(time.time() + $CURVE)")  # N seconds of load once ready
  while $PY -c "import sys, time; sys.exit(0 if time.time() < $end else 1)"; do
    at=$($PY -c "import time; print(f'{time.time() - $STARTED:.0f}')")
    measure "t=${at}s" 5 "$BASE" get "$GET" | sed -n 1,2p
  done
  exit 0
fi

each=$(( WARMUP / 5 ))
echo "# warm-up: ${each} s on each of GET, GET?fields, PUT, batch-get, recommendations"
for mode_path in "get $GET" "get $FIELDS" "put" "batch" "get $RECS"; do
  set -- $mode_path
  wrk_run "$each" "$BASE" "$1" "${2:-}" >/dev/null
done
selected health && measure health "$DURATION" "$BASE" get /q/health/live
selected get && measure get "$DURATION" "$BASE" get "$GET"
selected engine_getitem && measure engine_getitem "$DURATION" "$ENGINE_URL" engine
selected get_fields && measure get_fields "$DURATION" "$BASE" get "$FIELDS"
selected put && measure put "$DURATION" "$BASE" put
selected batch_get_100 && measure batch_get_100 "$DURATION" "$BASE" batch
precision() { # the precision the service scans its catalog at, as path names spell it: f32 or int8
  local p
  p=$(curl -fs "$BASE/v1/users/load-1/recommendations?k=1" | grep -o '"precision":"[a-z0-9]*"' | cut -d'"' -f4) \
    || p=unknown
  [ "$p" = float32 ] && p=f32
  echo "$p"
}
size_name() { # 100000 -> 100k, 1000000 -> 1m
  if (( $1 % 1000000 == 0 )); then echo "$(( $1 / 1000000 ))m"; else echo "$(( $1 / 1000 ))k"; fi
}
first=recs_$(size_name "$ITEMS")_$(precision)
selected "$first" && measure "$first" "$DURATION" "$BASE" get "$RECS"

profile() { # name mode path-template
  local lib=$OUT/asprof/linux-x64/libasyncProfiler.so jcmd file
  # the inner quotes keep jcmd from reading the options as its own name=value arguments
  jcmd="$(dirname "$(readlink -f "$JAVA")")/jcmd"
  if [ ! -f "$lib" ]; then
    mkdir -p "$OUT/asprof"
    (cd "$OUT/asprof" && unzip -q -o ~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar 'linux-x64/*')
  fi
  file=$(readlink -f "$OUT")/profile-$1.collapsed
  "$jcmd" "$APP_PID" JVMTI.agent_load "$(readlink -f "$lib")" "\"start,event=itimer,interval=1ms\"" >"$OUT/jcmd.log"
  wrk_run "$DURATION" "$BASE" "$2" "${3:-}" | sed "s/^/profile-$1 /"
  "$jcmd" "$APP_PID" JVMTI.agent_load "$(readlink -f "$lib")" "\"stop,collapsed,file=$file\"" >>"$OUT/jcmd.log"
  $PY $HERE/profile_summary.py "$file" 40 >"$OUT/profile-$1.txt"
  echo "    $(head -1 "$OUT/profile-$1.txt") -> $OUT/profile-$1.txt"
}
if [ "${PROFILE:-0}" = 1 ]; then
  profile get get "$GET"
  profile recs get "$RECS"
fi

one_at_a_time() { # name -> the same measurement with one connection: each request alone on the machine
  CONNECTIONS=1 THREADS=1 measure "$1_c1" "$DURATION" "$BASE" get "$RECS"
}
[ "${ONE_AT_A_TIME:-0}" = 1 ] && selected "$first" && one_at_a_time "$first"
grown=$ITEMS
for size in $INT8_ITEMS; do
  [ "$size" -gt "$grown" ] || continue
  echo "# growing the catalog to $size items"
  import_items "$grown" $(( size - grown ))
  grown=$size
  name=recs_$(size_name "$size")_$(precision)
  # GETs first: the SDK's path is compiled by C2 long before the few hundred recommendations per second get it there
  wrk_run "${INT8_WARMUP:-$each}" "$BASE" get "$GET" >/dev/null
  wrk_run "${INT8_WARMUP:-$each}" "$BASE" get "$RECS" >/dev/null
  selected "$name" && measure "$name" "$DURATION" "$BASE" get "$RECS"
  [ "${ONE_AT_A_TIME:-0}" = 1 ] && selected "$name" && one_at_a_time "$name"
done
exit 0
