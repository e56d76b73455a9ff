#!/usr/bin/env bash
# End-to-end benchmark: GroupGuard's full topology (1,000 rules x 100 keywords, 20,000 groups,
# 2,000,000 blacklist entries) against a pass-through topology on the embedded broker, then
# decision latency at half the peak rate. About 10 minutes on 2 cores; --quick takes about 2.
# Prints a table and writes app/target/bench-e2e.json. Options: --quick, --messages N, --rounds N.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -o -pl app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
cd app
exec java -Xmx3g -XX:+UseG1GC -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  io.groupguard.bench.EndToEndBenchmark "$@"
