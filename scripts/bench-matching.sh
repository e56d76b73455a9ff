#!/usr/bin/env bash
# Builds the app and its test classes (together with the schemas module, nothing is installed
# into ~/.m2), runs the matching benchmarks, the store lookup and window count benchmarks and the Kafka
# metrics binding benchmark (JMH), then prints medians and, for GroupGuard's matcher core and full rule set evaluation,
# the ratios to sensitive-word (target >= 8x) and org.ahocorasick (target >= 1.5x) with PASS/FAIL, and
# how many times faster GroupGuard's Kafka metrics binder binds than Micrometer's.
# Usage: scripts/bench-matching.sh [extra JMH arguments, e.g. -f 2 -i 10 or a benchmark regex]
# Default run (2 forks, 4 x 2 s warm-up, 8 x 2 s measurement per matching benchmark) takes about 7 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file="$PWD/app/target/bench-classpath.txt"
# In one reactor build the schemas module resolves to schemas/target/classes.
mvn -q -B -pl app -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
classpath="app/target/test-classes:app/target/classes:$(cat "$classpath_file")"
result=app/target/bench-matching.json

java -cp "$classpath" org.openjdk.jmh.Main 'io\.groupguard\.bench\..*' -rf json -rff "$result" "$@"
java -cp "$classpath" io.groupguard.bench.BenchSummary "$result"
