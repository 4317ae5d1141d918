#!/usr/bin/env bash
# Builds MetroTrace's libFuzzer targets (the Fuzz/ package, with --sanitize=fuzzer and
# --sanitize=address, optimised) and runs each on its seed corpus (Fuzz/Corpus/TARGET),
# after replaying the inputs of crashes found before (Fuzz/Regressions/TARGET).
#
#   scripts/fuzz.sh [--smoke | --seconds N] [TARGET ...]
#
#   --smoke      45 s per target (what CI runs)
#   --seconds N  N seconds per target (default 600, the recorded runs of docs/robustness.md)
#   TARGET       FuzzJSONDataset, FuzzCSVTables, FuzzDCC, FuzzSnapshot (default: all)
#
# New inputs the fuzzer finds are kept in Fuzz/work/TARGET (not committed); a crash
# leaves its input in Fuzz/artifacts/TARGET and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) seconds=45 ;;
    --seconds) seconds=$2; shift ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[ ${#targets[@]} -gt 0 ] || targets=(FuzzJSONDataset FuzzCSVTables FuzzDCC FuzzSnapshot)

# swiftc keeps only the last -sanitize= option it is given, and SwiftPM passes
# `--sanitize=fuzzer --sanitize=address` as two, in no fixed order: the code came out with
# coverage counters but no ASan checks, or the reverse. So SwiftPM is told only "fuzzer"
# (it then leaves `main` to libFuzzer) and the compiler gets both in one option, last.
(cd Fuzz && swift build --scratch-path .build-fuzz -c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address)
binaries=Fuzz/.build-fuzz/release
for target in "${targets[@]}"; do
  probe=$("$binaries/$target" -runs=0 2>&1 || true)
  if ! grep -q "inline 8-bit counters" <<<"$probe"; then
    echo "fuzz.sh: $target was built without coverage instrumentation; its fuzzing would be blind" >&2
    exit 1
  fi
done
symbols=$(nm -u "$binaries/MetroTraceIO.build/XMLTree.swift.o")
if ! grep -q __asan_report <<<"$symbols"; then
  echo "fuzz.sh: the loaders were built without AddressSanitizer's checks" >&2
  exit 1
fi

# The DCC target validates against PTB's schemas when they are beside the project.
if [ -d ../shared/dcc/xsd ]; then export METROTRACE_DCC_SCHEMAS="$PWD/../shared/dcc/xsd"; fi

status=0
for target in "${targets[@]}"; do
  mkdir -p "Fuzz/work/$target" "Fuzz/artifacts/$target"
  if [ -d "Fuzz/Regressions/$target" ] && ls "Fuzz/Regressions/$target"/* >/dev/null 2>&1; then
    echo "fuzz.sh: $target: replaying $(ls "Fuzz/Regressions/$target" | wc -l) earlier crash inputs"
    "$binaries/$target" -detect_leaks=0 -timeout=20 "Fuzz/Regressions/$target"/* 2>&1 | tail -n 2
  fi
  echo "fuzz.sh: $target: $seconds s"
  log=$(mktemp)
  set +e
  "$binaries/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=131072 \
    -detect_leaks=0 -print_final_stats=1 -artifact_prefix="Fuzz/artifacts/$target/" \
    "Fuzz/work/$target" "Fuzz/Corpus/$target" >"$log" 2>&1
  result=$?
  set -e
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added)|^#[0-9]+.*DONE" "$log" | tail -n 5
  if [ "$result" -ne 0 ]; then
    echo "fuzz.sh: $target FAILED (exit $result); the input is in Fuzz/artifacts/$target:" >&2
    grep -E "ERROR|SUMMARY|Fatal error|deadly signal|Test unit written" "$log" | head -n 20 >&2
    status=1
  fi
  rm -f "$log"
done
exit "$status"
