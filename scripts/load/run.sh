#!/usr/bin/env bash
# HTTP load suite: wrk at fixed concurrency on GET profile and GET recommendations against the
# packaged jar and a dynoxide engine this script starts, twice, recording throughput, latency
# percentiles, errors and the service's RSS before and after each pass.
#
#   ./mvnw package -DskipTests && scripts/load/run.sh            # 60 s per endpoint and pass
#   DURATION=10s CONNECTIONS=16 scripts/load/run.sh             # shorter
#   PASSES=4 JAVA_OPTS=-Xmx512m scripts/load/run.sh              # fixed heap, memory growth over 4 passes
#   RECORD=1 scripts/load/run.sh                                 # also append to docs/benchmarks.md
#
# Needs wrk (Debian package "wrk"): installed with apt-get when run as root, else install it first.
set -euo pipefail
# The jar refuses to start without a key for its answers' recommendation ids: a throwaway one unless given.
export RECOMMEND_ATTRIBUTION_KEYS=${RECOMMEND_ATTRIBUTION_KEYS:-local:$(head -c 32 /dev/urandom | base64)}
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PASSES=${PASSES:-2}   # more passes show whether RSS levels off
USERS=${USERS:-1000}
ITEMS=${ITEMS:-2000}
DIMENSION=${DIMENSION:-64}
JAVA=${JAVA:-java}
JAR=target/quarkus-app/quarkus-run.jar
ENGINE=node_modules/@dynoxide/linux-x64/dynoxide
OUT=target/load
mkdir -p "$OUT"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing wrk (apt-get install -y wrk)"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is not installed: run 'sudo apt-get install -y wrk' and retry" >&2
    exit 2
  fi
fi
[ -f "$JAR" ] || { echo "$JAR missing: run ./mvnw package -DskipTests first" >&2; exit 2; }
[ -x "$ENGINE" ] || { echo "$ENGINE missing: run ./mvnw initialize (it runs npm ci)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

ENGINE_PORT=$(free_port)
APP_PORT=$(free_port)
"$ENGINE" serve --host 127.0.0.1 --port "$ENGINE_PORT" >"$OUT/engine.log" 2>&1 &
ENGINE_PID=$!
APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  kill "$ENGINE_PID" 2>/dev/null || true
}
trap cleanup EXIT

# A throwaway key pair and a token with all roles: the load includes the JWT check, as in prod.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-private.pem" 2>/dev/null
openssl pkey -in "$OUT/jwt-private.pem" -pubout -out "$OUT/jwt-public.pem"
ISSUER=https://load.test.example
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
JWT_HEADER=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
JWT_CLAIMS=$(printf '{"iss":"%s","sub":"load","groups":["profiles:read","profiles:write","catalog:write","export","events:write"],"iat":%d,"exp":%d}' \
  "$ISSUER" "$NOW" $((NOW + 7200)) | b64url)
JWT_SIG=$(printf '%s.%s' "$JWT_HEADER" "$JWT_CLAIMS" | openssl dgst -sha256 -sign "$OUT/jwt-private.pem" | b64url)
export TOKEN="$JWT_HEADER.$JWT_CLAIMS.$JWT_SIG"
AUTH="Authorization: Bearer $TOKEN"

"$JAVA" --add-modules jdk.incubator.vector ${JAVA_OPTS:-} \
  -Dmp.jwt.verify.publickey.location="$OUT/jwt-public.pem" -Dmp.jwt.verify.issuer="$ISSUER" \
  -Dquarkus.http.port="$APP_PORT" \
  -Dquarkus.dynamodb.endpoint-override="http://127.0.0.1:$ENGINE_PORT" \
  -Dquarkus.dynamodb.aws.region=us-west-2 \
  -Dquarkus.dynamodb.aws.credentials.type=static \
  -Dquarkus.dynamodb.aws.credentials.static-provider.access-key-id=load \
  -Dquarkus.dynamodb.aws.credentials.static-provider.secret-access-key=load \
  -Dprofiles.create-tables=true -Dprofiles.region=us-west-2 \
  -jar "$JAR" >"$OUT/app.log" 2>&1 &
APP_PID=$!
BASE="http://127.0.0.1:$APP_PORT"
for _ in $(seq 1 600); do
  curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$BASE/q/health/ready" >/dev/null || { echo "service not ready; see $OUT/app.log" >&2; exit 1; }

echo "seeding $ITEMS items (dimension $DIMENSION) and $USERS users"
python3 - "$ITEMS" "$DIMENSION" >"$OUT/items.ndjson" <<'PY'
import json, random, sys
n, d = int(sys.argv[1]), int(sys.argv[2])
random.seed(7)
for i in range(n):
    print(json.dumps({"item_id": f"book-{i}", "title": f"Book {i}",
                      "embedding": [round(random.gauss(0, 1), 4) for _ in range(d)]}))
PY
curl -fs -X POST -H "$AUTH" -H 'Content-Type: application/x-ndjson' --data-binary @"$OUT/items.ndjson" "$BASE/v1/items/import" >/dev/null
python3 - "$USERS" "$DIMENSION" "$BASE" <<'PY'
import json, os, random, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
n, d, base = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def put(u):
    rnd = random.Random(u)
    body = json.dumps({"user_name": f"User {u}", "attributes": {"tier": "gold"},
                       "user_features": [round(rnd.gauss(0, 1), 4) for _ in range(d)]}).encode()
    req = urllib.request.Request(f"{base}/v1/users/load-{u}", data=body, method="PUT",
                                 headers={"Content-Type": "application/json",
                                          "Authorization": "Bearer " + os.environ["TOKEN"]})
    urllib.request.urlopen(req, timeout=30).read()
with ThreadPoolExecutor(8) as pool:
    list(pool.map(put, range(n)))
PY
curl -fs -X POST -H "$AUTH" "$BASE/v1/catalog/reload" >/dev/null

run() { # name path-template
  PATH_TEMPLATE="$2" USERS="$USERS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s \
    -s scripts/load/report.lua "$BASE" | tee -a "$OUT/wrk.log" | awk -v name="$1" '/^RESULT/ {sub("RESULT ", ""); print name, $0}'
}

RESULTS="$OUT/results.txt"
: >"$RESULTS"
echo "rss_kib_before $(rss_kib "$APP_PID")" | tee -a "$RESULTS"
for pass in $(seq 1 "$PASSES"); do
  run "pass$pass get_profile" "/v1/users/load-%d" | tee -a "$RESULTS"
  run "pass$pass recommendations" "/v1/users/load-%d/recommendations?k=10" | tee -a "$RESULTS"
  echo "rss_kib_after_pass$pass $(rss_kib "$APP_PID")" | tee -a "$RESULTS"
done

if grep -E 'non2xx=[1-9]|socket_errors=[1-9]' "$RESULTS" >/dev/null; then
  echo "FAIL: errors under load (see $RESULTS)" >&2
  status=1
else
  echo "PASS: zero non-2xx and zero socket errors"
  status=0
fi

if [ "${RECORD:-0}" = 1 ]; then
  {
    echo
    echo "#### $(date -u +%Y-%m-%d) wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $USERS users, $ITEMS items of dimension $DIMENSION"
    echo
    echo "Machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) CPUs; JDK: $("$JAVA" -version 2>&1 | head -1)"
    echo
    echo '```'
    cat "$RESULTS"
    echo '```'
  } >"$OUT/record.md"
  grep -q '^### HTTP load (wrk)$' docs/benchmarks.md 2>/dev/null || printf '\n### HTTP load (wrk)\n' >>docs/benchmarks.md
  # Insert right under the current-figures heading, newest first; the run it displaces is moved to
  # "HTTP load (wrk), older runs" by hand.
  awk -v block="$OUT/record.md" '{print} /^### HTTP load \(wrk\)$/ {while ((getline line < block) > 0) print line}' \
    docs/benchmarks.md >"$OUT/benchmarks.md" && mv "$OUT/benchmarks.md" docs/benchmarks.md
fi
exit $status
