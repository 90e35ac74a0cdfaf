#!/usr/bin/env bash
# The service's GET against the floor of its own stack, in one run: a bare Quarkus REST app that does nothing
# but one async-SDK GetItem and writes the item back as JSON (benchmarks/bare-stack, built here with the
# service's own versions of Quarkus, the Quarkiverse extension and the SDK), against the same engine and the
# same seeded profiles. KNOBS lists sets of SDK client knobs (benchmarks/bare-stack Knob), separated by ';',
# the knobs of one set by ','; each set runs in a bare app of its own, measured in the same rounds. Rounds
# interleave the apps (service, bare, bare+set1, bare+set2, service, ...) so that a drifting machine moves all
# alike; prints each round, the mean and median CPU µs per GET of each app, and their ratios to the bare app.
#
#   ./mvnw -B package -DskipTests && scripts/perf/bare-stack.sh
#   KNOBS="static-endpoint;netty-timeouts-off;static-endpoint,netty-timeouts-off" ROUNDS=4 scripts/perf/bare-stack.sh
#
# Environment: ROUNDS (3), DURATION (s per measurement, 15), WARMUP (s per app, 40), KNOBS (none),
# CONNECTIONS (16), THREADS (2), APP_DIR (target/quarkus-app), ENGINE_PORT (18720), APP_PORT (18800; the bare
# apps take the next ports), OUT (target/perf-bare), JAVA, JAVA_OPTS, READ_TIMEOUT as cpu-per-request.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=scripts/perf

APP_DIR=${APP_DIR:-target/quarkus-app}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-40}
KNOBS=${KNOBS:-}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
USERS=1000
DIMENSION=64
ENGINE_PORT=${ENGINE_PORT:-18720}
APP_PORT=${APP_PORT:-18800}
OUT=${OUT:-target/perf-bare}
PY=$(python3 -c 'import sys; print(sys.executable)')
BARE_DIR=benchmarks/bare-stack/target/quarkus-app
. $HERE/common.sh

version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
if [ ! -f "$BARE_DIR/quarkus-run.jar" ]; then
  echo "building benchmarks/bare-stack with the service's versions"
  ./mvnw -B -q -f benchmarks/bare-stack/pom.xml package -DskipTests \
    -Dquarkus.platform.version="$(version quarkus.platform.version)" \
    -Dquarkus-amazon-services.version="$(version quarkus-amazon-services.version)" \
    -Dawssdk.version="$(version awssdk.version)"
fi

start_engine
start_app
echo "seeding $USERS profiles"
python3 $HERE/seed_users.py "$USERS" "$DIMENSION" "$BASE"

start_bare() { # port knobs
  local timeouts=()
  # the extension builds the Netty client from configuration: this knob is set there
  [[ ",$2," == *,netty-timeouts-off,* ]] && timeouts=(QUARKUS_DYNAMODB_ASYNC_CLIENT_READ_TIMEOUT=0S QUARKUS_DYNAMODB_ASYNC_CLIENT_WRITE_TIMEOUT=0S)
  (cd "$BARE_DIR" && exec env QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE="http://127.0.0.1:$ENGINE_PORT" \
    QUARKUS_DYNAMODB_AWS_REGION=us-west-2 QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE=static \
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID=local \
    QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY=local \
    QUARKUS_DYNAMODB_API_CALL_ATTEMPT_TIMEOUT=${READ_TIMEOUT:-30s} QUARKUS_DYNAMODB_API_CALL_TIMEOUT=${READ_TIMEOUT:-30s} \
    QUARKUS_HTTP_PORT="$1" ${2:+BARE_KNOBS="$2"} ${timeouts[@]+"${timeouts[@]}"} \
    "$JAVA" ${JAVA_OPTS:-} -jar quarkus-run.jar) >"$OUT/bare-$1.log" 2>&1 &
  EXTRA_PIDS+=($!)
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$1/v1/users/load-1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "bare app on $1 not answering; see $OUT/bare-$1.log" >&2
  exit 1
}

# name url pid
TARGETS=("service $BASE $APP_PID")
start_bare $((APP_PORT + 1)) ""
TARGETS+=("bare http://127.0.0.1:$((APP_PORT + 1)) ${EXTRA_PIDS[0]}")
IFS=';' read -ra SETS <<<"$KNOBS"
for set in ${SETS[@]+"${SETS[@]}"}; do
  set=${set// /}
  [ -n "$set" ] || continue
  port=$((APP_PORT + 1 + ${#EXTRA_PIDS[@]}))
  start_bare "$port" "$set"
  TARGETS+=("bare+$set http://127.0.0.1:$port ${EXTRA_PIDS[-1]}")
done
GET=/v1/users/load-%d
for answer in "$BASE" "http://127.0.0.1:$((APP_PORT + 1))"; do
  curl -fs "$answer/v1/users/load-1" | head -c 160; echo
done

echo "# $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) CPUs," \
  "avx512f: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $("$JAVA" -version 2>&1 | sed -n 2p); JAVA_OPTS=${JAVA_OPTS:-}; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; $ROUNDS rounds"
for target in "${TARGETS[@]}"; do
  set -- $target
  wrk_run "$WARMUP" "$2" get "$GET" >/dev/null
done
: >"$OUT/cpu"
for round in $(seq 1 "$ROUNDS"); do
  for target in "${TARGETS[@]}"; do
    set -- $target
    line=$(measure "$1" "$DURATION" "$2" get "$GET" "$3")
    echo "round $round $line"
    awk -v name="$1" '/^ +service cpu_us=/ {split($2, a, "="); print name, a[2]}' <<<"$line" >>"$OUT/cpu"
  done
done
echo "# CPU µs per GET over $ROUNDS rounds (mean, median), and against the bare stack; load average $(cut -d' ' -f1-3 /proc/loadavg)"
$PY - "$OUT/cpu" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, cpu = line.split()
    runs.setdefault(name, []).append(float(cpu))
mean = {n: statistics.mean(v) for n, v in runs.items()}
median = {n: statistics.median(v) for n, v in runs.items()}
for n in runs:
    print(f"{n:<40} mean {mean[n]:7.0f}  median {median[n]:7.0f}   x{mean[n] / mean['bare']:.3f} / x{median[n] / median['bare']:.3f} of bare")
PY
