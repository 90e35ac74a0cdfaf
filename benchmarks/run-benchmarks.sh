#!/usr/bin/env bash
# Short JMH session for docs/benchmarks.md (minutes, not hours). Run from the repository root after
#   ./mvnw -f benchmarks/pom.xml package
# JAVA17 / JAVA25 may be overridden; raw outputs land in benchmarks/results/ (not committed).
# Every file starts with the load average; compare only figures taken within one invocation.
set -u
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/results
mkdir -p "$OUT"
OPTS=${OPTS:-"-f 1 -wi 2 -i 3 -w 1s -r 1s"}
run() {
  local java=$1 name=$2; shift 2
  echo "== $name: $*"
  { echo "loadavg before: $(cat /proc/loadavg)"; "$java" -jar "$JAR" $OPTS "$@" 2>&1; echo "loadavg after: $(cat /proc/loadavg)"; } > "$OUT/$name.txt"
}

# int8 two-phase vs float32 vs streaming floors, 1 and 2 threads (headline first)
run "$JAVA17" jdk17-int8 Int8Bench -p metric=DOT
run "$JAVA25" jdk25-int8 Int8Bench -p metric=DOT -p dim=64
# scalar vs vector, same invocation (ratio), plus the streaming floor of the same matrix
run "$JAVA17" jdk17-kernel-score 'KernelBench.(score|stream)' -p metric=DOT -p rows=10000,1000000
# selection cost: topK - score (dot and cosine), vector kernel
run "$JAVA17" jdk17-kernel-topk 'KernelBench.topK' -p kernel=vector -p dim=64 -p rows=10000,1000000
run "$JAVA25" jdk25-kernel-score 'KernelBench.(score|stream)' -p metric=DOT -p dim=64 -p rows=10000
{ echo "loadavg: $(cat /proc/loadavg)"; for d in 64 128; do python3 benchmarks/numpy_baseline.py 1000000 $d; done; } > "$OUT/numpy.txt" 2>&1
# exact top-10 with cluster pruning vs the full scan, one core; 10M rows need the fork's 6 GB heap
# (docs/cluster-bound.md); setup prints build times, rows scanned and checks every answer
run "$JAVA25" jdk25-pruned PrunedBench -p rows=1000000,10000000 -p data=mixture,gaussian,demo
echo done
