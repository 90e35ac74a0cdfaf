#!/usr/bin/env bash
# Start-up and footprint: starts the packaged jar RUNS times against a dynoxide engine and prints
# the median of Quarkus' "started in" and of the RSS once ready (VmRSS from /proc).
#
#   scripts/startup/measure.sh                                   # plain jar, java on PATH
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java JAVA_OPTS="-XX:AOTCache=target/quarkus-app/app.aot" \
#       scripts/startup/measure.sh                               # JDK 25 with the AOT cache (-Paot build)
#   (that cache fits only the -Paot jar, run from the directory it was trained in: target/quarkus-app)
#   JAR=target/fast-app/quarkus-run.jar scripts/startup/measure.sh   # another build's jar
#   JAVA_OPTS="-XX:SharedArchiveFile=target/app-cds.jsa" scripts/startup/measure.sh   # JDK 17 AppCDS
set -euo pipefail
# The jar refuses to start without a key for its answers' recommendation ids: a throwaway one unless given.
export RECOMMEND_ATTRIBUTION_KEYS=${RECOMMEND_ATTRIBUTION_KEYS:-local:$(head -c 32 /dev/urandom | base64)}
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
JAVA=${JAVA:-java}
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
ENGINE=node_modules/@dynoxide/linux-x64/dynoxide
OUT=target/startup
mkdir -p "$OUT"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

ENGINE_PORT=$(free_port)
"$ENGINE" serve --host 127.0.0.1 --port "$ENGINE_PORT" >"$OUT/engine.log" 2>&1 &
ENGINE_PID=$!
trap 'kill $ENGINE_PID 2>/dev/null || true' EXIT
sleep 0.5

# The service refuses to start without a JWT verification key: give it a throwaway one, so that
# start-up includes what prod initialises.
[ -f "$OUT/jwt-public.pem" ] || {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-private.pem" 2>/dev/null
  openssl pkey -in "$OUT/jwt-private.pem" -pubout -out "$OUT/jwt-public.pem"
}

starts=(); rss=()
for run in $(seq 1 "$RUNS"); do
  PORT=$(free_port)
  "$JAVA" --add-modules jdk.incubator.vector ${JAVA_OPTS:-} \
    -Dquarkus.http.port="$PORT" \
    -Dquarkus.dynamodb.endpoint-override="http://127.0.0.1:$ENGINE_PORT" \
    -Dquarkus.dynamodb.aws.region=us-west-2 -Dquarkus.dynamodb.aws.credentials.type=static \
    -Dquarkus.dynamodb.aws.credentials.static-provider.access-key-id=s \
    -Dquarkus.dynamodb.aws.credentials.static-provider.secret-access-key=s \
    -Dprofiles.create-tables=true -Dprofiles.region=us-west-2 \
    -Dmp.jwt.verify.publickey.location="$OUT/jwt-public.pem" -Dmp.jwt.verify.issuer=https://startup.test.example \
    -jar "$JAR" >"$OUT/run-$run.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.1
  done
  s=$(grep -o 'started in [0-9.]*s' "$OUT/run-$run.log" | grep -o '[0-9.]*' | head -1)
  r=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  kill "$PID"; wait "$PID" 2>/dev/null || true
  echo "run $run: started in ${s}s, RSS $((r / 1024)) MiB"
  starts+=("$s"); rss+=("$r")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "MEDIAN started_in_s=$(median "${starts[@]}") rss_mib=$(( $(median "${rss[@]}" | cut -d. -f1) / 1024 )) runs=$RUNS java=$("$JAVA" -version 2>&1 | head -1 | tr -d '"') opts='${JAVA_OPTS:-}'"
