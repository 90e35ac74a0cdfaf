#!/usr/bin/env bash
set -euo pipefail
# Posts 10,000 behaviour events for one user (100 requests of 100) to the packaged jar on an in-memory
# dynoxide, then times the DELETE that erases them. Needs ./mvnw package first; ports 18811/18812.
# The jar refuses to start without a key for its answers' recommendation ids: a throwaway one unless given.
export RECOMMEND_ATTRIBUTION_KEYS=${RECOMMEND_ATTRIBUTION_KEYS:-local:$(head -c 32 /dev/urandom | base64)}
cd "$(dirname "$0")/.."
mkdir -p target/measure
EP=18811; HP=18812
node_modules/@dynoxide/linux-x64/dynoxide serve --port $EP > target/measure/dynoxide.log 2>&1 &
DPID=$!
QUARKUS_HTTP_PORT=$HP QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE=http://127.0.0.1:$EP AWS_REGION=us-west-2 \
AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local PROFILES_CREATE_TABLES=true PROFILES_CREATE_TABLES_STREAMS=false \
PROFILES_AUTH_ENABLED=false QUARKUS_DYNAMODB_API_CALL_TIMEOUT=60s QUARKUS_DYNAMODB_API_CALL_ATTEMPT_TIMEOUT=30s \
java --add-modules jdk.incubator.vector -jar target/quarkus-app/quarkus-run.jar > target/measure/service.log 2>&1 &
JPID=$!
trap 'kill $JPID $DPID' EXIT
timeout 180 bash -c "until curl -sf localhost:$HP/q/health/live > /dev/null; do sleep 1; done"
curl -s -o /dev/null -X PUT localhost:$HP/v1/users/m-1 -H 'Content-Type: application/json' -d '{"user_name": "m"}'
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
for r in $(seq 0 99); do
  body='{"events": ['
  for i in $(seq 0 99); do
    [ $i -gt 0 ] && body+=','
    body+="{\"event_id\": \"r$r-$i\", \"type\": \"view\", \"item_id\": \"book-$i\"}"
  done
  body+=']}'
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST localhost:$HP/v1/users/m-1/events -H 'Content-Type: application/json' -d "$body")
  [ "$code" = 200 ] || echo "request $r: $code"
done
end=$(date +%s.%N)
echo "posted 10000 events in 100 requests: $(echo "$end - $start" | bc) s"
start=$(date +%s.%N)
curl -s -o /dev/null -w 'DELETE %{http_code} in %{time_total} s\n' -X DELETE localhost:$HP/v1/users/m-1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
