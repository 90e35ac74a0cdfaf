#!/usr/bin/env bash
# Short JMH session for docs/benchmarks.md (minutes, not hours). Run from the repository root after
#   ./mvnw -f benchmarks/pom.xml package
# JAVA17 / JAVA25 may be overridden; results land in benchmarks/results/.
set -u
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/results
mkdir -p "$OUT"
OPTS="-f 1 -wi 2 -i 3 -w 1s -r 1s"
run() { local java=$1 name=$2; shift 2; echo "== $name: $*"; "$java" -jar "$JAR" $OPTS "$@" > "$OUT/$name.txt" 2>&1; }

run "$JAVA17" jdk17-kernel-score 'KernelBench.score' -p metric=DOT
run "$JAVA17" jdk17-kernel-topk 'KernelBench.topK' -p kernel=vector -p rows=1000000 -p dim=64,128
run "$JAVA17" jdk17-stream StreamBench
run "$JAVA17" jdk17-int8 Int8Bench
run "$JAVA25" jdk25-kernel-score 'KernelBench.score' -p metric=DOT -p rows=100000
run "$JAVA25" jdk25-stream StreamBench -p mb=72,256
run "$JAVA25" jdk25-int8 Int8Bench -p metric=DOT
echo done
