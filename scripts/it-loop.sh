#!/usr/bin/env bash
# Runs the integration tests N times in a row, optionally with one core kept busy by a CPU hog, and
# prints pass/fail per test and run. After each run it looks for processes the tests left behind (started
# from this checkout: GroupGuard child JVMs, node clients), reports them as a failure of that run, and
# ends them.
#   scripts/it-loop.sh [-n RUNS] [--hog] [--it 'BadInputIT,CrashIT']
# Exit status 0 when every run passed and left nothing behind.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=5 hog=false its=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs=$2; shift 2 ;;
    --hog) hog=true; shift ;;
    --it) its=$2; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [--hog] [--it 'SomeIT,OtherIT']" >&2; exit 2 ;;
  esac
done

hog_pid=""
stop_hog() { [ -n "$hog_pid" ] && kill "$hog_pid" 2>/dev/null; hog_pid=""; }
trap stop_hog EXIT
if $hog; then
  (while :; do :; done) &
  hog_pid=$!
  echo "CPU hog running as pid $hog_pid (one core busy)"
fi

log_dir=$(mktemp -d /tmp/it-loop.XXXXXX)
mvn -B -ntp install -DskipTests > "$log_dir/build.log" 2>&1 || { echo "build failed: $log_dir/build.log"; exit 2; }
select_its=()
[ -n "$its" ] && select_its=("-Dit.test=$its" "-Dgroupguard.skip.bounded-heap=true")

# Java and Node.js processes started from this checkout (by command line or working directory), other
# than this script's own: GroupGuard child JVMs and the interoperability clients.
left_behind() {
  local own
  own=" $(ps -eo pid=,ppid= | awk -v top=$$ '{ parent[$1] = $2 } END {
    for (p in parent) { q = p; while (q != "" && q != 1 && q != top) q = parent[q]; if (q == top) printf "%s ", p } }') $$ "
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    case "$own" in *" $pid "*) continue ;; esac
    case "$(cat "$proc/comm" 2>/dev/null)" in java|node) ;; *) continue ;; esac
    if readlink "$proc/cwd" 2>/dev/null | grep -qF "$root" || tr '\0' ' ' < "$proc/cmdline" 2>/dev/null | grep -qF "$root"; then
      echo "$pid"
    fi
  done
}
failed_runs=0
declare -A passes fails
for run in $(seq 1 "$runs"); do
  start=$(date +%s)
  rm -rf app/target/failsafe-reports # only this run's reports count
  mvn -B -ntp -pl app verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "${select_its[@]}" \
    > "$log_dir/run-$run.log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  run_ok=$([ $rc -eq 0 ] && echo true || echo false)
  echo "run $run: maven exit $rc in ${secs}s (log: $log_dir/run-$run.log)"
  for report in app/target/failsafe-reports/TEST-*.xml; do
    [ -e "$report" ] || continue
    # one line per test case: class.method PASS|FAIL seconds
    python3 - "$report" <<'PY'
import sys, xml.etree.ElementTree as ET
for case in ET.parse(sys.argv[1]).getroot().iter('testcase'):
    failed = any(child.tag in ('failure', 'error') for child in case)
    skipped = any(child.tag == 'skipped' for child in case)
    status = 'FAIL' if failed else ('SKIP' if skipped else 'PASS')
    print(f"{case.get('classname').rsplit('.', 1)[-1]}.{case.get('name')} {status} {float(case.get('time') or 0):.1f}")
PY
  done > "$log_dir/run-$run.cases"
  while read -r test status secs_case; do
    printf '  %-110s %s %6ss\n' "$test" "$status" "$secs_case"
    if [ "$status" = FAIL ]; then fails[$test]=$(( ${fails[$test]:-0} + 1 )); run_ok=false
    elif [ "$status" = PASS ]; then passes[$test]=$(( ${passes[$test]:-0} + 1 )); fi
  done < "$log_dir/run-$run.cases"
  left=$(left_behind)
  if [ -n "$left" ]; then
    echo "  LEFT BEHIND: $(for pid in $left; do tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null | cut -c1-80; echo; done)(ending them)"
    kill -9 $left 2>/dev/null
    run_ok=false
  else
    echo "  no process left behind"
  fi
  $run_ok || failed_runs=$((failed_runs + 1))
done
stop_hog
echo
echo "per test, over $runs runs$($hog && echo ' with a CPU hog'):"
for test in $(printf '%s\n' "${!passes[@]}" "${!fails[@]}" | sort -u); do
  printf '  %-110s %d passed, %d failed\n' "$test" "${passes[$test]:-0}" "${fails[$test]:-0}"
done
echo "$((runs - failed_runs)) of $runs runs passed"
[ $failed_runs -eq 0 ]
