#!/usr/bin/env bash
# Service CPU per request of two or more packaged builds, interleaved: A B [C ...] A B [C ...] ... so that a
# machine that drifts (a shared host's neighbours, frequency) moves all alike. Each round is one short
# scripts/perf/cpu-per-request.sh run per build; prints each round's figures, then per path each build's mean
# and median over the rounds and their ratios to the first build (the median shrugs off one disturbed round).
#
#   scripts/perf/ab-cpu.sh /path/to/before/quarkus-app /path/to/after/quarkus-app [/path/to/third/quarkus-app ...]
#
# Environment: ROUNDS (3), DURATION (s per path, 10), WARMUP (s, 30), INT8_ITEMS (100000; 0 skips the int8 case),
# INT8_WARMUP, PATHS, OUT (target/perf-ab); the rest as cpu-per-request.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 <first quarkus-app dir> <second quarkus-app dir> [more ...]" >&2; exit 2; }
BUILDS=("$@")
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-target/perf-ab}
mkdir -p "$OUT"
export DURATION=${DURATION:-10} WARMUP=${WARMUP:-30} INT8_ITEMS=${INT8_ITEMS:-100000}

side_name() { # index -> before/after for two builds, b1, b2, ... for more
  if [ ${#BUILDS[@]} -eq 2 ]; then [ "$1" -eq 0 ] && echo before || echo after; else echo "b$(( $1 + 1 ))"; fi
}
for i in "${!BUILDS[@]}"; do echo "# $(side_name "$i"): ${BUILDS[$i]}"; done

for round in $(seq 1 "$ROUNDS"); do
  for i in "${!BUILDS[@]}"; do
    side=$(side_name "$i")
    APP_DIR=${BUILDS[$i]} OUT="$OUT/$side-$round" scripts/perf/cpu-per-request.sh >"$OUT/$side-$round.txt" 2>&1
    # "path requests=..." then "    service cpu_us=N [...]": one "path N" line per path
    awk '/^[a-z_0-9]+ +requests=/ {path=$1} /^ +service cpu_us=/ {split($2, a, "="); print path, a[2]}' \
      "$OUT/$side-$round.txt" >"$OUT/$side-$round.cpu"
    echo "round $round $side: $(tr '\n' ' ' <"$OUT/$side-$round.cpu")$(grep -o 'load average [0-9. ]*' "$OUT/$side-$round.txt" | head -1)"
  done
done

echo "# service CPU us per request over $ROUNDS rounds: mean, median; ratio to $(side_name 0) (mean, median)"
sides=()
for i in "${!BUILDS[@]}"; do sides+=("$(side_name "$i")"); done
python3 - "$OUT" "${sides[@]}" <<'PY'
import glob, statistics, sys
out, sides = sys.argv[1], sys.argv[2:]
def figures(side):
    values = {}
    for f in sorted(glob.glob(f"{out}/{side}-*.cpu")):
        for line in open(f):
            path, cpu = line.split()
            values.setdefault(path, []).append(float(cpu))
    return {p: (statistics.mean(v), statistics.median(v)) for p, v in values.items()}
stats = {side: figures(side) for side in sides}
for path in sorted(stats[sides[0]]):
    mean0, median0 = stats[sides[0]][path]
    for side in sides:
        if path in stats[side]:
            mean, median = stats[side][path]
            print(f"{path:<16} {side:<7} mean {mean:7.0f}  median {median:7.0f}  ratio {mean / mean0:.3f}  {median / median0:.3f}")
PY
