#!/usr/bin/env bash
# End-to-end benchmark: GroupGuard's full topology (1,000 rules x 100 keywords, 20,000 groups,
# 2,000,000 blacklist entries) against a pass-through topology on the embedded broker, and an
# evaluation floor (deserialize and evaluate the rules, nothing else), then decision latency at
# half the full topology's peak rate. About 7.5 minutes on 2 cores; --quick about 2.5.
# Prints a table and writes app/target/bench-e2e.json. Options: --quick, --messages N, --rounds N, --latency-rate N (msg/s; default half the full median),
# --spam-share S (the load generator's share of spam messages, default 0.2),
# --set key=value (GroupGuard configuration for every application of the run, e.g. commit.interval.ms=50),
# --profile (records the run with JFR into app/target/bench-e2e.jfr and prints where the stream
# threads spent their time: by top frame, innermost GroupGuard frame and GroupGuard method),
# --cpu-profile (async-profiler's CPU samples of the first measured full round, Java and native
# frames, into app/target/bench-e2e-cpu.collapsed, then the same summary for its stream threads),
# --cpu-profile-latency (the same over the timed seconds of the latency phase instead),
# --data-dir DIR (the broker's logs and the applications' state under DIR, e.g. the tmpfs /dev/shm,
# instead of the system's temp directory: takes this machine's disk out of the measurement),
# --jvm-option OPT (an option for the benchmark's JVM, after the defaults -Xmx3g -XX:+UseG1GC; repeatable,
# e.g. --jvm-option -XX:MaxGCPauseMillis=20).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=false
cpu_profile=false
cpu_profile_phase=full-round
data_dir=""
jvm_options=()
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --profile) profile=true ;;
    --cpu-profile) cpu_profile=true ;;
    --cpu-profile-latency) cpu_profile=true; cpu_profile_phase=latency ;;
    --data-dir) data_dir="$(realpath "${2:?--data-dir needs a directory}")"; shift ;;
    --jvm-option) jvm_options+=("${2:?--jvm-option needs an option}"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
mvn -q -B -ntp -o -pl app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
cd app
classpath="target/test-classes:target/classes:$(cat target/test.classpath)"
jvm=(-Xmx3g -XX:+UseG1GC "${jvm_options[@]+"${jvm_options[@]}"}")
if [[ -n "$data_dir" ]]; then
  data_dir="$data_dir/groupguard-bench-$$"
  mkdir -p "$data_dir"
  trap 'rm -rf "$data_dir"' EXIT
  jvm+=("-Djava.io.tmpdir=$data_dir")
fi
if $profile; then
  rm -f target/bench-e2e.jfr
  jvm+=(-XX:StartFlightRecording=filename=target/bench-e2e.jfr,settings=profile,dumponexit=true -XX:FlightRecorderOptions:stackdepth=256)
fi
if $cpu_profile; then
  rm -f target/bench-e2e-cpu.collapsed
  jvm+=(-Dgroupguard.bench.cpu-profile=target/bench-e2e-cpu.collapsed "-Dgroupguard.bench.cpu-profile-phase=$cpu_profile_phase")
fi
java "${jvm[@]}" -cp "$classpath" io.groupguard.bench.EndToEndBenchmark "${args[@]+"${args[@]}"}"
if $profile; then
  java -cp "$classpath" io.groupguard.bench.JfrHotMethods target/bench-e2e.jfr 25
fi
if $cpu_profile; then
  java -cp "$classpath" io.groupguard.bench.CpuProfile target/bench-e2e-cpu.collapsed 25
fi
