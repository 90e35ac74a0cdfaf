#!/usr/bin/env bash
# Before/after service CPU per request of two packaged builds, interleaved: A B A B ... so that a machine that
# drifts (a shared host's neighbours, frequency) moves both alike. Each round is one short
# scripts/perf/cpu-per-request.sh run per build; prints each round's figures and the ratio B/A per path.
#
#   scripts/perf/ab-cpu.sh /path/to/before/quarkus-app /path/to/after/quarkus-app
#
# Environment: ROUNDS (3), DURATION (s per path, 10), WARMUP (s, 30), INT8_ITEMS (100000; 0 skips the int8 case), PATHS,
# OUT (target/perf-ab); the rest as cpu-per-request.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 <before quarkus-app dir> <after quarkus-app dir>" >&2; exit 2; }
BEFORE=$1
AFTER=$2
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-target/perf-ab}
mkdir -p "$OUT"
export DURATION=${DURATION:-10} WARMUP=${WARMUP:-30} INT8_ITEMS=${INT8_ITEMS:-100000}

for round in $(seq 1 "$ROUNDS"); do
  for side in before after; do
    dir=$BEFORE
    [ "$side" = after ] && dir=$AFTER
    APP_DIR=$dir OUT="$OUT/$side-$round" scripts/perf/cpu-per-request.sh >"$OUT/$side-$round.txt" 2>&1
    # "path requests=..." then "    service cpu_us=N [...]": one "path N" line per path
    awk '/^[a-z_0-9]+ +requests=/ {path=$1} /^ +service cpu_us=/ {split($2, a, "="); print path, a[2]}' \
      "$OUT/$side-$round.txt" >"$OUT/$side-$round.cpu"
    echo "round $round $side: $(tr '\n' ' ' <"$OUT/$side-$round.cpu")"
  done
done

echo "# service CPU us per request, mean of $ROUNDS rounds; ratio after/before"
cat "$OUT"/before-*.cpu | awk '{s[$1]+=$2; n[$1]++} END {for (p in s) print p, s[p]/n[p]}' | sort >"$OUT/before.mean"
cat "$OUT"/after-*.cpu | awk '{s[$1]+=$2; n[$1]++} END {for (p in s) print p, s[p]/n[p]}' | sort >"$OUT/after.mean"
join "$OUT/before.mean" "$OUT/after.mean" | awk '{printf "%-16s before %7.0f  after %7.0f  ratio %.3f\n", $1, $2, $3, $3 / $2}'
