#!/usr/bin/env bash
# The long form of the crash test: GroupGuard instances as child JVMs, killed with SIGKILL
# 10 times (and a second instance joining and leaving) while 100,000 messages flow; an
# independent checker then verifies every message was decided exactly once.
# Options: MESSAGES=... KILLS=... RATE=... (messages per second) in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp -pl app -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CrashIT -Dgroupguard.skip.bounded-heap=true \
  -Dgroupguard.crash.messages="${MESSAGES:-100000}" -Dgroupguard.crash.kills="${KILLS:-10}" \
  -Dgroupguard.crash.rate="${RATE:-2000}"
