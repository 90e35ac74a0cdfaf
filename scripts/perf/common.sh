# Sourced by the perf scripts: the JDK, the engine, the packaged service on local ports, and their cleanup.
# The caller sets APP_DIR, ENGINE_PORT, APP_PORT and OUT first (and may set JAVA, JAVA_OPTS, READ_TIMEOUT),
# then calls start_engine and start_app [EXTRA_ENV=value ...]; both stop when the script exits. measure needs
# HERE, PY, THREADS, CONNECTIONS, USERS and DIMENSION.

# The jar refuses to start without a key for its answers' recommendation ids: a throwaway one unless given.
export RECOMMEND_ATTRIBUTION_KEYS=${RECOMMEND_ATTRIBUTION_KEYS:-local:$(head -c 32 /dev/urandom | base64)}
J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAVA=${JAVA:-$([ -x $J25 ] && echo $J25 || echo java)}
ENGINE=node_modules/@dynoxide/linux-x64/dynoxide
BASE="http://127.0.0.1:$APP_PORT"
ENGINE_PID=
APP_PID=
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is not installed (Debian package wrk)" >&2; exit 2; }
[ -f "$APP_DIR/quarkus-run.jar" ] || { echo "$APP_DIR/quarkus-run.jar missing: ./mvnw package -DskipTests" >&2; exit 2; }
[ -x "$ENGINE" ] || { echo "$ENGINE missing: ./mvnw initialize runs npm ci" >&2; exit 2; }

stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true; APP_PID=; }
# Processes a script starts besides the service and the engine, stopped with them.
EXTRA_PIDS=()
cleanup() {
  stop_app
  for pid in ${EXTRA_PIDS[@]+"${EXTRA_PIDS[@]}"} $ENGINE_PID; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

start_engine() {
  if curl -s -o /dev/null "http://127.0.0.1:$ENGINE_PORT"; then
    echo "port $ENGINE_PORT is taken (an engine left from an earlier run?): set ENGINE_PORT" >&2
    exit 1
  fi
  "$ENGINE" serve --host 127.0.0.1 --port "$ENGINE_PORT" >"$OUT/engine.log" 2>&1 &
  ENGINE_PID=$!
}

# Starts the service (auth off, tables created) with any extra NAME=value settings, and waits until it is ready.
# READ_TIMEOUT (30s) is the local read budget and the SDK's call and attempt timeouts: their defaults of 1 s, 5 s
# and 2 s open the breaker on a loaded machine, and the cheap 503s that follow would flatter the figures.
start_app() {
  (cd "$APP_DIR" && exec env QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE="http://127.0.0.1:$ENGINE_PORT" AWS_REGION=us-west-2 \
    AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local PROFILES_CREATE_TABLES=true PROFILES_CREATE_TABLES_STREAMS=false \
    PROFILES_AUTH_ENABLED=false QUARKUS_HTTP_PORT="$APP_PORT" PROFILES_FAILOVER_READ_TIMEOUT=${READ_TIMEOUT:-30s} \
    QUARKUS_DYNAMODB_API_CALL_ATTEMPT_TIMEOUT=${READ_TIMEOUT:-30s} QUARKUS_DYNAMODB_API_CALL_TIMEOUT=${READ_TIMEOUT:-30s} \
    "$@" "$JAVA" --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -jar quarkus-run.jar) >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  STARTED=$(date +%s.%N)
  for _ in $(seq 1 900); do
    curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "service not ready; see $OUT/app.log" >&2
  exit 1
}

wrk_run() { # seconds target mode path-template -> RESULT line
  MODE="$3" PATH_TEMPLATE="${4:-}" USERS=$USERS DIMENSION=$DIMENSION \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s -s $HERE/load.lua "$2" | awk '/^RESULT/ {sub("RESULT ", ""); print}'
}

measure() { # name seconds target mode path-template [pid measured as the service: APP_PID]
  local pid=${6:-$APP_PID}
  $PY $HERE/cpu_snapshot.py snap "$pid" >"$OUT/app.before"
  $PY $HERE/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/engine.before"
  local result n
  result=$(wrk_run "$2" "$3" "$4" "${5:-}")
  $PY $HERE/cpu_snapshot.py snap "$pid" >"$OUT/app.after"
  $PY $HERE/cpu_snapshot.py snap "$ENGINE_PID" >"$OUT/engine.after"
  n=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
  printf '%-16s %s\n    service %s\n    engine  %s\n' "$1" "$result" \
    "$($PY $HERE/cpu_snapshot.py diff "$OUT/app.before" "$OUT/app.after" "$n")" \
    "$($PY $HERE/cpu_snapshot.py diff "$OUT/engine.before" "$OUT/engine.after" "$n")"
}
