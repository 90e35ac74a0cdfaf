#!/usr/bin/env bash
# A large catalog end to end through the real path: NDJSON import -> DynamoDB engine -> a fresh
# pod's catalog load and int8 build -> recommendations under load. Answers the questions a 1M-item
# catalog raises before it meets production: how long the import takes and what it costs the
# service and the engine, how long a new pod stays unready while it loads, how much heap the load
# needs at its peak and keeps afterwards, and what a recommendation costs with and without batching.
#
#   ./mvnw -B package -DskipTests && scripts/catalog-scale.sh                # 1M x 64: long, needs a quiet machine
#   ITEMS=20000 WARMUP=10 DURATION=10 scripts/catalog-scale.sh              # a quick check of the script
#
# Steps: dynoxide in memory; pod A (tables created) imports ITEMS generated items (deterministic,
# seeded per item; the file is kept in OUT and reused by later runs of the same size) and is stopped;
# pod B (RECOMMEND_BATCH_SIZE=1) starts against the filled engine and is timed from JVM launch to
# readiness UP (readiness waits for the catalog), its heap sampled with jstat every 0.5 s (one more
# JVM on the machine, started once, while the pod loads) and logged
# by -Xlog:gc, its live set measured after a full GC (jcmd GC.run); USERS profiles are seeded and
# recommendations (k=10) are warmed up and measured with wrk; then pod C (RECOMMEND_BATCH_SIZE=8,
# the default) does the same. CPU comes from /proc (scripts/perf/cpu_snapshot.py), so the CPU figures
# hold still when other work shares the machine; wall times and throughput do not.
# The summary is printed and written to $OUT/summary.md; logs, GC logs and jstat samples stay in OUT.
#
# Environment: ITEMS (1000000), DIMENSION (64), USERS (1000), WARMUP (s, 40), DURATION (s, 30),
# CONNECTIONS (16), THREADS (2), JAVA (default: JDK 25 if installed; jstat and jcmd are taken from
# the same JDK), HEAP (-Xmx3g; pods exit on OutOfMemoryError, as in k8s), JAVA_OPTS (after HEAP, so -Xmx there wins), APP_DIR
# (target/quarkus-app), READ_TIMEOUT (30s: the local read budget and the SDK's call and attempt
# timeouts, as in scripts/perf/cpu-per-request.sh: the defaults open the breaker on a loaded machine),
# READY_TIMEOUT (s a pod may take to become ready, 1800), MAX_RESUMES (import restarts from
# resume_from_line, 10), PODS ("b c": which fresh pods to run, e.g. "c" to measure batching alone),
# ENGINE_PORT (18800), APP_PORT (18880), OUT (target/scale).
set -euo pipefail
# The jar refuses to start without a key for its answers' recommendation ids: a throwaway one unless given.
export RECOMMEND_ATTRIBUTION_KEYS=${RECOMMEND_ATTRIBUTION_KEYS:-local:$(head -c 32 /dev/urandom | base64)}
cd "$(dirname "$0")/.."
PERF=scripts/perf
SCALE=scripts/scale

J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAVA=${JAVA:-$([ -x $J25 ] && echo $J25 || echo java)}
JDK_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
APP_DIR=${APP_DIR:-target/quarkus-app}
ITEMS=${ITEMS:-1000000}
DIMENSION=${DIMENSION:-64}
USERS=${USERS:-1000}
WARMUP=${WARMUP:-40}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
HEAP=${HEAP:--Xmx3g}
READ_TIMEOUT=${READ_TIMEOUT:-30s}
READY_TIMEOUT=${READY_TIMEOUT:-1800}
MAX_RESUMES=${MAX_RESUMES:-10}
PODS=${PODS:-b c}
ENGINE_PORT=${ENGINE_PORT:-18800}
APP_PORT=${APP_PORT:-18880}
ENGINE=node_modules/@dynoxide/linux-x64/dynoxide
COMMAND="PODS=\"$PODS\" ITEMS=$ITEMS DIMENSION=$DIMENSION USERS=$USERS WARMUP=$WARMUP DURATION=$DURATION HEAP=$HEAP${JAVA_OPTS:+ JAVA_OPTS=\"$JAVA_OPTS\"} $0"
# Absolute: the pods run in APP_DIR, and their GC logs are written here.
OUT=$(mkdir -p "${OUT:-target/scale}" && cd "${OUT:-target/scale}" && pwd)
# The interpreter itself, not a version manager's shim: the snapshots run between measurements.
PY=$(python3 -c 'import sys; print(sys.executable)')

command -v wrk >/dev/null || { echo "wrk is not installed (Debian package wrk)" >&2; exit 2; }
[ -f "$APP_DIR/quarkus-run.jar" ] || { echo "$APP_DIR/quarkus-run.jar missing: ./mvnw package -DskipTests" >&2; exit 2; }
[ -x "$ENGINE" ] || { echo "$ENGINE missing: ./mvnw initialize runs npm ci" >&2; exit 2; }
[ -x "$JDK_BIN/jstat" ] && [ -x "$JDK_BIN/jcmd" ] || { echo "no jstat/jcmd beside $JAVA (a JRE?)" >&2; exit 2; }

APP_PID= ENGINE_PID= SAMPLER_PID=
stop_sampler() {
  [ -n "$SAMPLER_PID" ] || return 0
  # its jstat first: once the loop's shell is gone, jstat would be reparented and keep running
  local kids; kids=$(pgrep -P "$SAMPLER_PID" || true)
  kill "$SAMPLER_PID" $kids 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=
}
stop_app() { stop_sampler; [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; APP_PID=; }
trap 'stop_app; [ -n "$ENGINE_PID" ] && kill $ENGINE_PID 2>/dev/null && wait $ENGINE_PID 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$APP_PORT"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
status_mib() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }  # -> MiB
catalog_field() { curl -fs "$BASE/v1/catalog" | $PY -c "import json, sys; print(json.load(sys.stdin).get('$1', '?'))"; }

"$ENGINE" serve --host 127.0.0.1 --port "$ENGINE_PORT" >"$OUT/engine.log" 2>&1 &  # no --db-path: in memory
ENGINE_PID=$!
# Any HTTP answer will do; a port still held by an earlier engine would feed the pods stale tables.
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$ENGINE_PORT/" && break; sleep 0.1; done
kill -0 "$ENGINE_PID" 2>/dev/null || { echo "the engine did not start; see $OUT/engine.log" >&2; exit 1; }

start_app() { # name [ENV=value ...] [-- jvm options]: launches the packaged jar, sets APP_PID and LAUNCHED
  local name=$1; shift
  local envs=() jvm=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift && jvm=("$@")
  # the previous pod must be gone, or its readiness would be taken for this one's
  ! curl -s -o /dev/null "$BASE/q/health/live" || { echo "port $APP_PORT is already answering" >&2; exit 1; }
  (cd "$APP_DIR" && exec env QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE="http://127.0.0.1:$ENGINE_PORT" AWS_REGION=us-west-2 \
    AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local PROFILES_CREATE_TABLES=true PROFILES_CREATE_TABLES_STREAMS=false \
    PROFILES_AUTH_ENABLED=false QUARKUS_HTTP_PORT="$APP_PORT" PROFILES_FAILOVER_READ_TIMEOUT="$READ_TIMEOUT" \
    QUARKUS_DYNAMODB_API_CALL_ATTEMPT_TIMEOUT="$READ_TIMEOUT" QUARKUS_DYNAMODB_API_CALL_TIMEOUT="$READ_TIMEOUT" \
    "${envs[@]}" "$JAVA" --add-modules jdk.incubator.vector -XX:+ExitOnOutOfMemoryError $HEAP ${JAVA_OPTS:-} "${jvm[@]}" \
    -jar quarkus-run.jar) \
    >"$OUT/app-$name.log" 2>&1 &
  APP_PID=$!
  LAUNCHED=$(now)
}

wait_ready() { # name
  local deadline=$(( $(date +%s) + READY_TIMEOUT ))
  while [ "$(date +%s)" -lt $deadline ]; do
    curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && return 0
    # as in the k8s manifests, an OutOfMemoryError ends the JVM: a heap too small for the load shows here
    kill -0 "$APP_PID" 2>/dev/null || { echo "pod $1 exited before it was ready (OutOfMemoryError? HEAP=$HEAP); see $OUT/app-$1.log" >&2; exit 1; }
    sleep 0.5  # enough resolution for loads of seconds to minutes; each DOWN check is logged
  done
  echo "pod $1 not ready after $READY_TIMEOUT s; see $OUT/app-$1.log" >&2
  exit 1
}

sample_heap() { # pid file: one jstat polling every 0.5 s (a jstat per sample would start a JVM each time)
  for _ in $(seq 1 300); do
    "$JDK_BIN/jstat" -gc "$1" 500 >>"$2" 2>&1 || true
    grep -q EU "$2" 2>/dev/null && return  # it had attached, and the JVM ended or we stopped it
    kill -0 "$1" 2>/dev/null || return
    sleep 0.1  # the JVM has not published its counters yet
  done
}

wrk_run() { # seconds path-template -> RESULT line
  MODE=get PATH_TEMPLATE="$2" USERS=$USERS DIMENSION=$DIMENSION \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s -s $PERF/load.lua "$BASE" | awk '/^RESULT/ {sub("RESULT ", ""); print}'
}
field() { sed -E "s/.*$1=([^ ]+).*/\1/" <<<"$2"; }

# --- 1-2. import through pod A --------------------------------------------------------------------
ITEMS_FILE=$OUT/items-$ITEMS-$DIMENSION.ndjson
if [ ! -s "$ITEMS_FILE" ]; then
  echo "generating $ITEMS items of dimension $DIMENSION -> $ITEMS_FILE"
  $PY $SCALE/gen_items.py "$ITEMS" "$DIMENSION" >"$ITEMS_FILE.tmp"
  mv "$ITEMS_FILE.tmp" "$ITEMS_FILE"
fi
FILE_MB=$(du -m "$ITEMS_FILE" | cut -f1)

start_app a
wait_ready a
echo "pod A ready; importing $ITEMS items ($FILE_MB MiB)"
$PY $PERF/cpu_snapshot.py snap "$APP_PID" >"$OUT/import-app.before"
$PY $PERF/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/import-engine.before"
START=$(now)
from=1 resumes=0
while :; do
  # -T streams the file (--data-binary would read all of it into curl's memory first); "Expect:"
  # drops curl's 100-continue handshake, which can hold the body back up to a second. No pipefail here:
  # a service that answers early (a stopped import) leaves tail to die of SIGPIPE, and curl's code
  # is what counts (000 when it got no answer at all).
  rm -f "$OUT/import-answer.json"  # with no answer at all, an earlier one must not be read again
  code=$(set +o pipefail; tail -n +"$from" "$ITEMS_FILE" | curl -sS -o "$OUT/import-answer.json" -w '%{http_code}' \
    -X POST -T - -H 'Content-Type: application/x-ndjson' -H 'Expect:' "$BASE/v1/items/import") || true
  read -r imported rejected resume <<<"$($PY $SCALE/stats.py import-answer "$OUT/import-answer.json")"
  [ "$code" = 200 ] && break
  if [ "$resume" != - ] && [ $resumes -lt "$MAX_RESUMES" ]; then
    # the answer numbers lines of what was sent, which starts at line $from of the file
    from=$(( from + resume - 1 )) resumes=$(( resumes + 1 ))
    echo "import stopped (HTTP $code, $(cat "$OUT/import-answer.json")); resending from line $from" | tee -a "$OUT/import-resumes.log" >&2
    continue
  fi
  echo "import failed: HTTP $code, $(cat "$OUT/import-answer.json" 2>/dev/null)" >&2
  exit 1
done
IMPORT_S=$(since "$START")
$PY $PERF/cpu_snapshot.py snap "$APP_PID" >"$OUT/import-app.after"
$PY $PERF/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/import-engine.after"
expected=$(( ITEMS - from + 1 ))
if [ "$imported" != "$expected" ] || [ "$rejected" != 0 ]; then
  echo "import answered imported=$imported rejected_count=$rejected for $expected lines: $(head -c 2000 "$OUT/import-answer.json")" >&2
  exit 1
fi
IMPORT_RATE=$(awk -v n="$ITEMS" -v s="$IMPORT_S" 'BEGIN { printf "%.0f", n / s }')
IMPORT_APP_CPU=$($PY $SCALE/stats.py cpu-seconds "$OUT/import-app.before" "$OUT/import-app.after")
IMPORT_ENGINE_CPU=$($PY $SCALE/stats.py cpu-seconds "$OUT/import-engine.before" "$OUT/import-engine.after")
IMPORT_APP_PER=$($PY $PERF/cpu_snapshot.py diff "$OUT/import-app.before" "$OUT/import-app.after" "$ITEMS")
IMPORT_ENGINE_PER=$($PY $PERF/cpu_snapshot.py diff "$OUT/import-engine.before" "$OUT/import-engine.after" "$ITEMS")
echo "imported $ITEMS in $IMPORT_S s ($IMPORT_RATE items/s; CPU s: service $IMPORT_APP_CPU, engine $IMPORT_ENGINE_CPU; resumed $resumes times)"
stop_app

# --- 3-5. a fresh pod's load, heap and serving, per batch size -----------------------------------
declare -A R  # R[pod.metric]
pod_run() { # name batch-size seed(0|1)
  local pod=$1 gclog=$OUT/gc-$1.log jstat=$OUT/jstat-$1.txt result n
  rm -f "$gclog" "$jstat"
  $PY $PERF/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/load-engine-$pod.before"
  start_app "$pod" RECOMMEND_BATCH_SIZE="$2" -- "-Xlog:gc*:file=$gclog"
  sample_heap "$APP_PID" "$jstat" &
  SAMPLER_PID=$!
  wait_ready "$pod"
  R[$pod.ready]=$(since "$LAUNCHED")
  stop_sampler
  $PY $PERF/cpu_snapshot.py snap "$APP_PID" >"$OUT/load-app-$pod.after"
  $PY $PERF/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/load-engine-$pod.after"
  R[$pod.load_cpu]=$($PY $SCALE/stats.py cpu-seconds - "$OUT/load-app-$pod.after")
  R[$pod.load_engine_cpu]=$($PY $SCALE/stats.py cpu-seconds "$OUT/load-engine-$pod.before" "$OUT/load-engine-$pod.after")
  R[$pod.loaded]=$(grep -o 'catalog [^"]* loaded [^"]*' "$OUT/app-$pod.log" | head -1 || echo "no 'catalog ... loaded' line")
  R[$pod.items]=$(catalog_field items)
  R[$pod.precision]=$(catalog_field precision)/$(catalog_field kernel)
  read -r "R[$pod.jstat_peak]" "R[$pod.jstat_committed]" "R[$pod.jstat_samples]" <<<"$($PY $SCALE/stats.py jstat-peak "$jstat")"
  R[$pod.gc_peak]=$($PY $SCALE/stats.py gc-peak "$gclog" "${R[$pod.ready]}")
  R[$pod.rss_ready]=$(status_mib "$APP_PID" VmRSS)
  R[$pod.hwm_ready]=$(status_mib "$APP_PID" VmHWM)
  "$JDK_BIN/jcmd" "$APP_PID" GC.run >/dev/null
  read -r "R[$pod.live]" _ _ <<<"$("$JDK_BIN/jstat" -gc "$APP_PID" | $PY $SCALE/stats.py jstat-peak /dev/stdin)"
  echo "pod $pod (batch size $2): ready after ${R[$pod.ready]} s; ${R[$pod.loaded]}; heap peak ${R[$pod.jstat_peak]} MiB (jstat) / ${R[$pod.gc_peak]} MiB (GC log), live ${R[$pod.live]} MiB"
  [ "${R[$pod.items]}" = "$ITEMS" ] || echo "WARNING: pod $pod loaded ${R[$pod.items]} items, not $ITEMS" >&2

  if [ "$3" = 1 ]; then
    echo "seeding $USERS profiles"
    $PY $PERF/seed_users.py "$USERS" "$DIMENSION" "$BASE"
  fi
  local recs="/v1/users/load-%d/recommendations?k=10"
  echo "warm-up ${WARMUP} s, then ${DURATION} s of recommendations"
  R[$pod.warmup]=$(wrk_run "$WARMUP" "$recs")
  $PY $PERF/cpu_snapshot.py snap "$APP_PID" >"$OUT/recs-app-$pod.before"
  $PY $PERF/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/recs-engine-$pod.before"
  result=$(wrk_run "$DURATION" "$recs")
  $PY $PERF/cpu_snapshot.py snap "$APP_PID" >"$OUT/recs-app-$pod.after"
  $PY $PERF/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/recs-engine-$pod.after"
  n=$(field requests "$result")
  R[$pod.result]=$result
  R[$pod.app_cpu]=$($PY $PERF/cpu_snapshot.py diff "$OUT/recs-app-$pod.before" "$OUT/recs-app-$pod.after" "$n")
  R[$pod.engine_cpu]=$($PY $PERF/cpu_snapshot.py diff "$OUT/recs-engine-$pod.before" "$OUT/recs-engine-$pod.after" "$n")
  R[$pod.rss_end]=$(status_mib "$APP_PID" VmRSS)
  R[$pod.hwm_end]=$(status_mib "$APP_PID" VmHWM)
  printf '  %s\n  service %s\n  engine  %s\n' "$result" "${R[$pod.app_cpu]}" "${R[$pod.engine_cpu]}"
  stop_app
}
# PODS picks which fresh pods run (default both); the first one run seeds the users.
seeded=0
for pod in $PODS; do
  case $pod in b) size=1 ;; c) size=8 ;; *) echo "PODS: b and/or c, not $pod" >&2; exit 2 ;; esac
  pod_run "$pod" "$size" $((1 - seeded))
  seeded=1
done

# --- 6. summary ------------------------------------------------------------------------------------
row() { # label metric [suffix]
  printf '| %s | %s | %s |\n' "$1" "${R[b.$2]:--}${3:-}" "${R[c.$2]:--}${3:-}"
}
wrk_row() { # label wrk-field
  printf '| %s | %s | %s |\n' "$1" "$(field "$2" "${R[b.result]:-}")" "$(field "$2" "${R[c.result]:-}")"
}
{
  echo "# Catalog at scale: $ITEMS items x $DIMENSION"
  echo
  echo "- machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) CPUs," \
    "avx512f: $(grep -o avx512f /proc/cpuinfo | head -1 || true), load average $(cut -d' ' -f1-3 /proc/loadavg) (at the end)"
  echo "- JDK: $("$JAVA" -version 2>&1 | sed -n 2p); options: --add-modules jdk.incubator.vector -XX:+ExitOnOutOfMemoryError $HEAP ${JAVA_OPTS:-}"
  echo "- command: \`$COMMAND\`"
  echo "- wrk -t$THREADS -c$CONNECTIONS, GET /v1/users/{id}/recommendations?k=10 over $USERS users, ${WARMUP} s warm-up, ${DURATION} s measured"
  echo
  echo "## Import (pod A, one streamed POST /v1/items/import)"
  echo
  echo "| items | file | wall | items/s | service CPU | engine CPU | resumed |"
  echo "|---|---|---|---|---|---|---|"
  echo "| $ITEMS | $FILE_MB MiB | $IMPORT_S s | $IMPORT_RATE | $IMPORT_APP_CPU s | $IMPORT_ENGINE_CPU s | $resumes |"
  echo
  echo "CPU µs per item: service $IMPORT_APP_PER; engine $IMPORT_ENGINE_PER"
  echo
  echo "## A fresh pod: load and serving"
  echo
  echo "| | pod B | pod C |"
  echo "|---|---|---|"
  echo "| RECOMMEND_BATCH_SIZE | 1 | 8 |"
  row "launch to ready" ready " s"
  row "log" loaded
  row "items loaded" items
  row "precision/kernel" precision
  row "CPU launch to ready: service" load_cpu " s"
  row "CPU launch to ready: engine" load_engine_cpu " s"
  printf '| heap used peak, jstat every 0.5 s | %s MiB (%s samples) | %s MiB (%s samples) |\n' \
    "${R[b.jstat_peak]:--}" "${R[b.jstat_samples]:--}" "${R[c.jstat_peak]:--}" "${R[c.jstat_samples]:--}"
  row "heap committed at that sample" jstat_committed " MiB"
  row "heap before a GC, peak (GC log)" gc_peak " MiB"
  row "heap after full GC when ready (live set)" live " MiB"
  row "VmRSS when ready" rss_ready " MiB"
  row "VmHWM when ready" hwm_ready " MiB"
  row "VmRSS after the load test" rss_end " MiB"
  row "VmHWM after the load test" hwm_end " MiB"
  wrk_row "rps" rps
  wrk_row "p50 ms" p50_ms
  wrk_row "p99 ms" p99_ms
  wrk_row "non-2xx (warm-up excluded)" non2xx
  wrk_row "socket errors" socket_errors
  row "service CPU µs/request" app_cpu
  row "engine CPU µs/request" engine_cpu
  echo
  echo "Warm-up: pod B ${R[b.warmup]:--}; pod C ${R[c.warmup]:--}"
  echo
  echo "Heap used peaks count garbage not yet collected (G1 lets the young generation fill before it"
  echo "collects), so they bound what the load needs from above; the live set is what the pod keeps."
} | tee "$OUT/summary.md"
