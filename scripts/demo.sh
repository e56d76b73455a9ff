#!/usr/bin/env bash
# Runs the GroupGuard demo: a real in-process KRaft broker and schema registry, the bundled
# example rules, blacklist and chat traffic, moderated and printed as a table.
# Builds the jar first when it is missing or older than the sources. Extra arguments go to
# `groupguard demo` (e.g. --keep-running).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/groupguard.jar
if [ ! -f "$jar" ] || [ -n "$(find schemas/src app/src pom.xml app/pom.xml schemas/pom.xml -newer "$jar" -type f -print -quit)" ]; then
  echo "Building $jar (first run takes a few minutes) ..."
  mvn -q -B -ntp -DskipTests package
fi
exec java -jar "$jar" demo "$@"
