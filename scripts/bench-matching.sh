#!/usr/bin/env bash
# Builds the test classes and runs the matching benchmarks (JMH), then prints medians and
# GroupGuard's speed-up against sensitive-word and org.ahocorasick.
# Usage: scripts/bench-matching.sh [extra JMH arguments, e.g. -f 2 -i 10 or a benchmark regex]
# Default run (1 fork, 3 x 2 s warm-up, 5 x 2 s measurement per benchmark) takes about 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B install -DskipTests -pl schemas
mvn -q -B -pl app test-compile
classpath_file="$PWD/app/target/bench-classpath.txt"
mvn -q -B -pl app dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
classpath="app/target/test-classes:app/target/classes:$(cat "$classpath_file")"
result=app/target/bench-matching.json

java -cp "$classpath" org.openjdk.jmh.Main 'io\.groupguard\.bench\..*' -rf json -rff "$result" "$@"
java -cp "$classpath" io.groupguard.bench.BenchSummary "$result"
