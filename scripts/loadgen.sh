#!/usr/bin/env bash
# Publishes synthetic GroupGuard load: rules, blacklist entries and chat traffic, in the Confluent
# wire format through the Schema Registry. Arguments go to `groupguard loadgen`; see --help.
# Example: ./scripts/loadgen.sh --bootstrap-servers localhost:9092 --schema-registry-url http://localhost:8081 \
#            --rules 100 --keywords-per-rule 100 --blacklist 100000 --count 100000 --rate 2000
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/groupguard.jar
if [ ! -f "$jar" ] || [ -n "$(find schemas/src app/src/main pom.xml app/pom.xml schemas/pom.xml -newer "$jar" -type f -print -quit)" ]; then
  echo "Building $jar ..."
  mvn -q -B -ntp -DskipTests package
fi
exec java -jar "$jar" loadgen "$@"
